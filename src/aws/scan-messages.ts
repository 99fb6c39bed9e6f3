// What the scan wait tells the user about images it could not or need not scan. Pure text.
import type { ResolvedImage, ScanOutcome } from '../model.js';

export function secondsText(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** The report lists every attestation manifest left out (issue 18 §2.6), with its platform. */
export function attestationNote(image: ResolvedImage): string | undefined {
  const list = image.attestations ?? [];
  if (list.length === 0) return undefined;
  const one = list.length === 1;
  return (
    `Attestation manifest${one ? '' : 's'} ${list.join(', ')} of index ` +
    `${image.indexDigest ?? '(unknown)'} ${one ? 'was' : 'were'} not gated: buildx marks ` +
    `${one ? 'it' : 'them'} attestation-manifest (provenance/SBOM, no packages).`
  );
}

/** An index entry that could not be gated: never usable, so the gate fails closed on it. */
export function notGatedOutcome(why: string): ScanOutcome {
  return {
    type: 'BASIC',
    status: 'NOT_GATED',
    usable: false,
    findings: [],
    calls: 0,
    description: `An entry of the image index could not be gated: ${why}.`,
  };
}

export function crossAccountHint(registry: string, caller: string | undefined): string {
  if (!registry || caller === registry) return '';
  const who = caller ? `the caller's account ${caller}` : 'the account of these credentials';
  return (
    ` If registry ${registry} is not ${who} and uses enhanced scanning, note that Amazon ` +
    `Inspector findings are not readable cross-account: ECR answers ScanNotFound.`
  );
}

/** A wait that ran out: never found (ScanNotFound every time) or found and never usable. */
export function timedOutFields(state: {
  waitedMs: number;
  polls: number;
  lastStatus: string | undefined;
  lastError: string | undefined;
  sawOnlyNotFound: boolean;
  registryId: string;
  callerAccountId: string | undefined;
}): Pick<ScanOutcome, 'status' | 'usable' | 'description'> {
  const waited = secondsText(state.waitedMs);
  const checks = `${state.polls} status check${state.polls === 1 ? '' : 's'}`;
  const lastError = state.lastError ? `; last error: ${state.lastError}` : '';
  if (state.sawOnlyNotFound) {
    return {
      status: 'NOT_FOUND',
      usable: false,
      description:
        `No scan of this image appeared within ${waited} (${checks}, ECR answered ` +
        `ScanNotFound every time). Check that scan on push or enhanced scanning covers this ` +
        `repository.${crossAccountHint(state.registryId, state.callerAccountId)}`,
    };
  }
  return {
    status: 'TIMEOUT',
    usable: false,
    description:
      `No usable scan result within ${waited} (${checks}); last status ` +
      `${state.lastStatus ?? 'none seen'}${lastError}.`,
  };
}
