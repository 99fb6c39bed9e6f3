// The registry's scan type, from ecr:GetRegistryScanningConfiguration, asked once per region per
// run. The shape of a scan answer cannot tell: an enhanced scan answers COMPLETE with only
// `{"findings": []}` before Inspector's findings exist (aws/aws-sdk#289,
// https://github.com/aws/aws-sdk/issues/289; ../shared/data/realworld/ecr-scan-responses.json
// `aws-sdk-289-complete-before-findings`). The operation takes no registry id: it describes the
// caller's own registry (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetRegistryScanningConfiguration.html),
// so for an image in another account's registry it is inferred (see below).
import type { ScanType } from '../model.js';
import { describeAwsError } from './aws-errors.js';
import type { EcrCalls } from './ecr-calls.js';
import { textOf } from '../text-of.js';

export interface RegistryScanType {
  /** undefined: unknown (permission missing, another account's registry, no answer). */
  type: ScanType | undefined;
  /** Why the type is unknown, for the report. */
  note?: string;
}

/** Bounded: the type is a hint worth a short wait, never the whole scan-timeout. */
export const SCAN_TYPE_TIMEOUT_MS = 10_000;

export type ScanTypeLookup = (
  region: string,
  registryId: string | undefined,
  signal?: AbortSignal,
) => Promise<RegistryScanType>;

function unknown(why: string): RegistryScanType {
  return {
    type: undefined,
    note:
      `The registry's scan type is unknown (${why}): zero findings are confirmed over the ` +
      `scan-settle-seconds window as if the scan were enhanced.`,
  };
}

async function ask(calls: EcrCalls, region: string, signal?: AbortSignal) {
  if (!calls.getRegistryScanningConfiguration) return { error: 'not asked' };
  const timeout = AbortSignal.timeout(SCAN_TYPE_TIMEOUT_MS);
  try {
    const out = await calls.getRegistryScanningConfiguration(
      region,
      signal ? AbortSignal.any([signal, timeout]) : timeout,
    );
    const type: unknown = out.scanningConfiguration?.scanType;
    const registryId = typeof out.registryId === 'string' ? out.registryId : undefined;
    if (type === 'BASIC' || type === 'ENHANCED') return { type, registryId } as const;
    return { error: `GetRegistryScanningConfiguration answered scan type ${textOf(type, 64)}` };
  } catch (error) {
    return {
      error: `ecr:GetRegistryScanningConfiguration could not be read: ${describeAwsError(error)}`,
    };
  }
}

/** A lookup that asks each region once per run and answers every image from that. */
export function registryScanTypes(calls: EcrCalls): ScanTypeLookup {
  const cache = new Map<string, ReturnType<typeof ask>>();
  return async (region, registryId, signal) => {
    let pending = cache.get(region);
    if (!pending) cache.set(region, (pending = ask(calls, region, signal)));
    const answer = await pending;
    if ('error' in answer) return unknown(answer.error ?? 'no answer');
    if (registryId && answer.registryId && registryId !== answer.registryId) {
      // Another account's registry: its configuration cannot be read, but Inspector (enhanced)
      // findings cannot be read cross-account either; ECR answers ScanNotFound
      // (https://github.com/aws/containers-roadmap/issues/2541). A scan it does answer for is
      // basic. ACTIVE, enhanced-only, still counts as enhanced (scan-settle.ts).
      return { type: 'BASIC' };
    }
    return { type: answer.type };
  };
}

/**
 * A question asked once, as early as wanted, and answered when needed: `ask()` sends it, `answer()`
 * sends it if not yet and waits. A rejection is never left unhandled (a wait may end without
 * needing the answer); undefined when there is nobody to ask.
 */
export class AskedEarly<T> {
  private pending: Promise<T | undefined> | undefined;

  constructor(private readonly question: (() => Promise<T> | undefined) | undefined) {}

  ask(): void {
    if (this.pending || !this.question) return;
    this.pending = Promise.resolve(this.question());
    this.pending.catch(() => undefined);
  }

  answer(): Promise<T | undefined> {
    this.ask();
    return this.pending ?? Promise.resolve(undefined);
  }
}
