// The words of the uploader rules' details and warnings (SPEC 2): what was compared with what,
// and how much of CloudTrail's history that covered.
import type { PushEvent, ResolvedImage, UploaderEvidence } from '../model.js';

const DAY_MS = 86_400_000;

/** What the messages need from the rules' input. */
export interface MessageInput {
  image: ResolvedImage;
  knownUploaders: readonly string[];
  historyDays: number;
  evidence: UploaderEvidence;
}

/** `repo:tag` when the gate was given a tag, else `repo@sha256:…`. */
export function imageRef(image: ResolvedImage): string {
  const tag = image.target.tag;
  const ref = tag ? `${image.repository}:${tag}` : `${image.repository}@${image.imageDigest}`;
  return image.platform ? `${ref} (${image.platform})` : ref;
}

export function detailOfUnknown(input: MessageInput, baseline: readonly PushEvent[]): string {
  const parts: string[] = [];
  const listed = input.knownUploaders.filter((e) => e.trim() !== '').length;
  if (listed > 0)
    parts.push(`not in known-uploaders (${listed} ${listed === 1 ? 'entry' : 'entries'})`);
  if (input.historyDays > 0) {
    const others = new Set(baseline.map((e) => e.principal.key)).size;
    parts.push(
      baseline.length > 0
        ? `not among the ${others} principal(s) that pushed to this repository in the ${input.historyDays} days before`
        : `no earlier push to this repository in the ${input.historyDays} days before`,
    );
  }
  return parts.join('; ');
}

export function noBaselineMessage(
  input: MessageInput,
  evidence: UploaderEvidence,
  push: PushEvent,
): string {
  const who = push.principal.key;
  const repo = `${push.repository} (${push.registryId}, ${push.region})`;
  if (input.historyDays <= 0) {
    return (
      `uploader of ${repo} is ${who}; uploader-history-days is 0 and known-uploaders is empty, ` +
      `so it was not checked. List allowed principals in known-uploaders.`
    );
  }
  // CloudTrail keeps 90 days: for an old push the read may have covered fewer days than asked.
  const back = evidence.historyReachesBack?.getTime();
  const read = back === undefined ? input.historyDays : (push.eventTime.getTime() - back) / DAY_MS;
  const span =
    back !== undefined && read < input.historyDays - 1 / 24
      ? `in the ${formatDays(read)} before it that CloudTrail still holds (since ` +
        `${new Date(back).toISOString()}; ${input.historyDays} were asked for)`
      : `in the ${input.historyDays} days before it`;
  return (
    `first push to ${repo} ${span}: no baseline to compare ${who} with. ` +
    `List allowed principals in known-uploaders to check first pushes too.`
  );
}

function formatDays(days: number): string {
  if (days < 1) return `${Math.max(0, Math.floor(days * 24))} hours`;
  const whole = Math.floor(days);
  return `${whole} ${whole === 1 ? 'day' : 'days'}`;
}

export function partialMessage(input: MessageInput, evidence: UploaderEvidence): string {
  const back = evidence.historyReachesBack?.toISOString() ?? 'the gated push';
  return (
    `uploader baseline for ${input.image.repository} is incomplete: CloudTrail was read back to ` +
    `${back} only (page limit), not the full ${input.historyDays} days.`
  );
}

export function skippedMessage(input: MessageInput): string {
  const why = input.evidence.reason ? `: ${input.evidence.reason}` : '';
  return `uploader of ${imageRef(input.image)} was not checked${why}`;
}
