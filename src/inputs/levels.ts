import { RULE_IDS, type Level, type RuleId } from '../model.js';
import { RULES } from '../rules/catalog.js';
import { RULE_IDS_TEXT, bad, checkRuleId, ok, splitList, type Check } from './checks.js';

export const FAIL_ON_EXPECTED = `rule ids separated by commas or newlines (${RULE_IDS_TEXT}; a severity word is a threshold: high = critical + high), or none`;

/** Severity words from most to least severe; `undefined` is not on the scale (SPEC section 1). */
const SEVERITY_SCALE: readonly RuleId[] = ['critical', 'high', 'medium', 'low', 'informational'];

/**
 * The families `fail-on` replaces one at a time (SPEC section 1): naming one rule of a family
 * takes over that family's fail set; a family not named keeps its levels.
 */
const FAMILIES: readonly (readonly RuleId[])[] = [
  // `exploitable` is a finding rule: `fail-on: high` alone drops it to warn, as it does `undefined`.
  [...SEVERITY_SCALE, 'undefined', 'exploitable'],
  [
    'unknown-uploader',
    'tag-overwrite',
    'cross-account-uploader',
    'unverified-uploader',
    'outside-business-hours',
  ],
  ['scan-incomplete'],
];

/**
 * `fail-on`: null when not set, [] for `none`, else the rules that fail the gate, with severity
 * thresholds expanded (`medium` → critical, high, medium).
 */
export function checkFailOn(text: string): Check<RuleId[] | null> {
  const words = splitList(text).map((e) => e.value.toLowerCase());
  if (words.length === 0) return ok(null);
  if (words.includes('none')) {
    return words.length === 1
      ? ok([])
      : bad(FAIL_ON_EXPECTED, '"none" cannot be combined with rule ids');
  }
  const named = new Set<RuleId>();
  const unknown: string[] = [];
  for (const word of words) {
    const check = checkRuleId(word);
    if (!check.ok) {
      unknown.push(word);
      continue;
    }
    const rank = SEVERITY_SCALE.indexOf(check.value);
    const expanded = rank >= 0 ? SEVERITY_SCALE.slice(0, rank + 1) : [check.value];
    for (const id of expanded) named.add(id);
  }
  if (unknown.length > 0) {
    const listed = unknown.map((w) => `"${w}"`).join(', ');
    return bad(FAIL_ON_EXPECTED, `unknown rule id${unknown.length > 1 ? 's' : ''} ${listed}`);
  }
  return ok(RULE_IDS.filter((id) => named.has(id)));
}

/**
 * Effective levels: the catalog's defaults, then the policy file's `rules:`, then `fail-on`.
 * Per family: listed rules fail; a family with a listed rule drops its other failing rules to
 * warn; a family with none listed keeps its levels. `none` ([]) drops every failing rule to warn.
 */
export function resolveLevels(
  policyRules: Partial<Record<RuleId, Level>>,
  failOn: readonly RuleId[] | null,
): Record<RuleId, Level> {
  const levels = Object.fromEntries(
    RULE_IDS.map((id) => [id, policyRules[id] ?? RULES[id].defaultLevel]),
  ) as Record<RuleId, Level>;
  if (failOn === null) return levels;
  const none = failOn.length === 0;
  for (const family of FAMILIES) {
    if (!none && !family.some((id) => failOn.includes(id))) continue;
    for (const id of family) {
      if (failOn.includes(id)) levels[id] = 'fail';
      else if (levels[id] === 'fail') levels[id] = 'warn';
    }
  }
  return levels;
}
