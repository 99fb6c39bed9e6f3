import type { Level, RuleId } from '../model.js';
import type { BusinessHours, IgnoreRule } from '../inputs/settings.js';

/** The policy file (SPEC section 5), validated. Fields a file does not set are empty or null. */
export interface Policy {
  /** The file name as the user wrote it, used in messages. */
  file: string;
  ignores: IgnoreRule[];
  knownUploaders: string[];
  /** Levels the file sets; rules it does not mention are absent. */
  rules: Partial<Record<RuleId, Level>>;
  businessHours: BusinessHours | null;
  riskThreshold: number | null;
  /** null: the file does not say. */
  ignoreUnfixed: boolean | null;
  /** `compare: { unchanged: LEVEL }`; null: the file does not say. */
  compareUnchanged: Level | null;
}

export const POLICY_KEYS = [
  'ignore',
  'known-uploaders',
  'rules',
  'risk-threshold',
  'ignore-unfixed',
  'compare',
] as const;

export function emptyPolicy(file: string): Policy {
  return {
    file,
    ignores: [],
    knownUploaders: [],
    rules: {},
    businessHours: null,
    riskThreshold: null,
    ignoreUnfixed: null,
    compareUnchanged: null,
  };
}
