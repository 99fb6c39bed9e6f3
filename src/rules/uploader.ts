// The uploader rules (SPEC 2): unknown-uploader, tag-overwrite, cross-account-uploader,
// unverified-uploader, outside-business-hours. Pure: judges what CloudTrail told the adapter.
import type { BusinessHours } from '../inputs/settings.js';
import type {
  Detection,
  Level,
  PushEvent,
  ReportWarning,
  ResolvedImage,
  RuleId,
  UploaderEvidence,
  UploaderStatus,
} from '../model.js';
import { RULES, fillMessage, riskEvent } from './catalog.js';
import { matchKnownUploader } from './principal-match.js';
import {
  describeBusinessHours,
  describeLocalTime,
  isValidTimeZone,
  isWithinBusinessHours,
  splunkTime,
} from './time.js';

export interface UploaderRulesInput {
  image: ResolvedImage;
  imageIndex: number;
  evidence: UploaderEvidence;
  knownUploaders: readonly string[];
  /** 0 = baseline off. */
  historyDays: number;
  levels: Readonly<Record<RuleId, Level>>;
  businessHours: BusinessHours | null;
}

export interface UploaderJudgement {
  status: UploaderStatus;
  detections: Detection[];
  warnings: ReportWarning[];
  /** The `known-uploaders` entry that matched, when status is `known`. */
  matchedEntry?: string;
}

/**
 * Pushes by the same principal this shortly before the gated one belong to the same push (the
 * platform manifests of an index, a retried push): they must not make the principal "seen".
 */
export const SAME_PUSH_GAP_MS = 10 * 60_000;

const DAY_MS = 86_400_000;

/** Earlier pushes that form the baseline for `push`: inside the window, not part of this push. */
export function baselinePushes(
  push: PushEvent,
  history: readonly PushEvent[],
  historyDays: number,
): PushEvent[] {
  if (historyDays <= 0) return [];
  const pushed = push.eventTime.getTime();
  const from = pushed - historyDays * DAY_MS;
  return history.filter((earlier) => {
    const at = earlier.eventTime.getTime();
    if (earlier.eventId === push.eventId || at >= pushed || at < from) return false;
    const samePrincipal = earlier.principal.key === push.principal.key;
    return !(samePrincipal && pushed - at < SAME_PUSH_GAP_MS);
  });
}

export function uploaderDetections(input: UploaderRulesInput): UploaderJudgement {
  const { evidence } = input;
  if (evidence.state === 'skipped') {
    return {
      status: 'skipped',
      detections: [],
      warnings: [{ code: 'skipped', message: skippedMessage(input) }],
    };
  }
  const push = evidence.push;
  if (evidence.state !== 'found' || !push) {
    // ECR alone proves a moved tag: CloudTrail being unreadable or late must not hide it.
    const moved = tagMovedDetection(input.image, input.imageIndex, input.levels);
    return {
      status: 'unverified',
      detections: [unverified(input), ...(moved ? [moved] : [])],
      warnings: [],
    };
  }

  const detections: Detection[] = [];
  const warnings: ReportWarning[] = [];
  const who = push.principal;
  const matchedEntry = matchKnownUploader(who, input.knownUploaders);
  const baseline = baselinePushes(push, evidence.history, input.historyDays);
  const seen = baseline.some((earlier) => earlier.principal.key === who.key);
  const hasList = input.knownUploaders.some((entry) => entry.trim() !== '');

  let status: UploaderStatus;
  if (matchedEntry !== undefined) status = 'known';
  else if (seen) status = 'seen';
  // The history around the push could not be read (throttled, 5xx, hang): an absent baseline
  // proves nothing, so the uploader is unverified, never `no-baseline` (issue 18 §3.4).
  else if (evidence.historyError !== undefined) status = 'unverified';
  else if (baseline.length > 0 || hasList) status = 'unknown';
  else status = 'no-baseline';

  // Later pushes of the tag were in the same unread window: with a tag, tag-overwrite is unproven
  // too, so even a known uploader gets the unverified row.
  if (
    evidence.historyError !== undefined &&
    (status === 'unverified' || gatedTag(input.image, push) !== undefined)
  ) {
    detections.push(unverified(input, push));
  }
  if (status === 'unknown') {
    detections.push(uploadRow('unknown-uploader', input, push, detailOfUnknown(input, baseline)));
  }
  if (status === 'no-baseline') {
    warnings.push({ code: 'no-baseline', message: noBaselineMessage(input, evidence, push) });
  }
  if (
    input.historyDays > 0 &&
    !evidence.historyComplete &&
    (status === 'unknown' || status === 'no-baseline')
  ) {
    warnings.push({ code: 'baseline-partial', message: partialMessage(input, evidence) });
  }

  const registry = input.image.registryId;
  if (who.accountId && who.accountId !== registry) {
    detections.push(
      uploadRow(
        'cross-account-uploader',
        input,
        push,
        `pushed from account ${who.accountId} into registry ${registry}`,
      ),
    );
  }

  detections.push(...tagOverwrites(input, push));

  const hours = input.businessHours;
  if (hours && !isValidTimeZone(hours.timezone)) {
    // Settings validate the zone; a bad one here must not crash the whole report.
    warnings.push({
      code: 'other',
      message: `outside-business-hours not evaluated: unknown time zone '${hours.timezone}'`,
    });
  } else if (hours && !isWithinBusinessHours(push.eventTime, hours)) {
    detections.push(
      uploadRow(
        'outside-business-hours',
        input,
        push,
        `pushed ${describeLocalTime(push.eventTime, hours.timezone)}; business hours are ${describeBusinessHours(hours)}`,
      ),
    );
  }

  return { status, detections, warnings, ...(matchedEntry ? { matchedEntry } : {}) };
}

/** The tag the gate was asked about, or the tag the push set. */
function gatedTag(image: ResolvedImage, push: PushEvent): string | undefined {
  return image.target.tag ?? push.tag;
}

/** Digests that are "our" image: the manifest and the index it belongs to. */
function ownDigests(image: ResolvedImage, push: PushEvent): Set<string> {
  const own = new Set<string>([image.imageDigest]);
  if (image.indexDigest) own.add(image.indexDigest);
  if (push.digest) own.add(push.digest);
  return own;
}

/**
 * Rows for pushes of the gated tag after our push by another principal, or of another digest,
 * grouped as the seed groups upload rows; plus one for a tag that now points elsewhere when no
 * recorded push explains it.
 */
function tagOverwrites(input: UploaderRulesInput, push: PushEvent): Detection[] {
  const tag = gatedTag(input.image, push);
  if (!tag) return [];
  const own = ownDigests(input.image, push);
  const groups = new Map<string, PushEvent[]>();
  for (const later of input.evidence.tagPushes) {
    if (later.eventId === push.eventId || later.tag !== tag) continue;
    const otherPrincipal = later.principal.key !== push.principal.key;
    const otherDigest = later.digest !== undefined && !own.has(later.digest);
    if (!otherPrincipal && !otherDigest) continue;
    const key = [
      later.region,
      later.principal.key,
      later.userName,
      later.sourceIp,
      later.registryId,
      later.repository,
    ].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), later]);
  }

  const rows: Detection[] = [];
  const explained = new Set<string>();
  for (const events of groups.values()) {
    const sorted = [...events].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    if (!first || !last) continue;
    const digests = [...new Set(sorted.map((e) => e.digest).filter((d) => d !== undefined))];
    for (const d of digests) explained.add(d);
    const row = uploadRow(
      'tag-overwrite',
      input,
      last,
      `tag ${tag} pushed ${sorted.length === 1 ? 'again' : `${sorted.length} times`} after ` +
        `${push.eventTime.toISOString()} by ${last.principal.key}` +
        (digests.length > 0 ? ` (digest ${digests.join(', ')})` : ''),
      tag,
    );
    row.firstTime = splunkTime(first.eventTime);
    rows.push(row);
  }

  const movedTo = input.image.tagMovedTo ?? input.evidence.tagNowPointsAt;
  if (movedTo && !own.has(movedTo) && !explained.has(movedTo)) {
    const row = tagMovedDetection(input.image, input.imageIndex, input.levels, movedTo, push);
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * `tag-overwrite` from ECR's evidence alone: the gated tag now points at another digest. Needs
 * no CloudTrail, so it fires with `uploader-check: false` and when CloudTrail is unreadable or
 * late too (SPEC 2, issue 18 §3.3). Undefined when ECR saw no move.
 */
export function tagMovedDetection(
  image: ResolvedImage,
  imageIndex: number,
  levels: Readonly<Record<RuleId, Level>>,
  movedTo: string | undefined = image.tagMovedTo,
  push?: PushEvent,
): Detection | undefined {
  const tag = image.target.tag;
  if (!tag || !movedTo || movedTo === image.imageDigest || movedTo === image.indexDigest) {
    return undefined;
  }
  const spec = RULES['tag-overwrite'];
  const time = splunkTime(push?.eventTime ?? image.pushedAt ?? new Date(0));
  const user = 'an unrecorded principal';
  const found = push
    ? 'no PutImage of it was found in CloudTrail'
    : 'ECR shows it; who moved it was not read from CloudTrail';
  return {
    ...riskEvent('tag-overwrite', levels['tag-overwrite'], imageIndex, time),
    message: fillMessage(spec.message, { tag, repository: image.repository, user }),
    awsRegion: image.region,
    eventName: 'PutImage',
    eventSource: 'ecr.amazonaws.com',
    imageTag: tag,
    registryId: image.registryId,
    image: image.repository,
    imageDigest: image.imageDigest,
    detail: `tag ${tag} now points at ${movedTo}, not at the gated image; ${found}`,
  };
}

function baseRow(rule: RuleId, input: UploaderRulesInput, time: string): Detection {
  return { ...riskEvent(rule, input.levels[rule], input.imageIndex, time), message: '' };
}

/** A row in the seed's upload shape, describing one PutImage event. */
function uploadRow(
  rule: RuleId,
  input: UploaderRulesInput,
  event: PushEvent,
  detail: string,
  tag?: string,
): Detection {
  const spec = RULES[rule];
  const user = event.principal.name;
  const imageTag = tag ?? event.tag ?? input.image.target.tag;
  const row: Detection = {
    ...baseRow(rule, input, splunkTime(event.eventTime)),
    message: fillMessage(spec.message, {
      user,
      tag: imageTag ?? '(untagged)',
      repository: event.repository,
      image: imageRef(input.image),
    }),
    awsRegion: event.region,
    eventName: 'PutImage',
    eventSource: 'ecr.amazonaws.com',
    user,
    userName: event.userName,
    src_ip: event.sourceIp,
    registryId: event.registryId,
    image: event.repository,
    imageDigest: event.digest ?? input.image.imageDigest,
    principal: event.principal.key,
    detail,
  };
  if (imageTag !== undefined) row.imageTag = imageTag;
  return row;
}

/** The unverified-uploader row; with `push` when the push was found but its history was not. */
function unverified(input: UploaderRulesInput, push?: PushEvent): Detection {
  const { image, evidence } = input;
  const spec = RULES['unverified-uploader'];
  const time = splunkTime(push?.eventTime ?? image.pushedAt ?? new Date(0));
  const row: Detection = {
    ...baseRow('unverified-uploader', input, time),
    message: fillMessage(spec.message, { image: imageRef(image), repository: image.repository }),
    awsRegion: image.region,
    eventName: 'PutImage',
    eventSource: 'ecr.amazonaws.com',
    registryId: image.registryId,
    image: image.repository,
    imageDigest: image.imageDigest,
    detail:
      evidence.historyError ??
      evidence.reason ??
      (evidence.state === 'error'
        ? 'CloudTrail could not be read'
        : 'the push was not found in CloudTrail'),
  };
  if (push) {
    row.user = push.principal.name;
    row.userName = push.userName;
    row.src_ip = push.sourceIp;
    row.principal = push.principal.key;
  }
  if (image.target.tag !== undefined) row.imageTag = image.target.tag;
  return row;
}

/** `repo:tag` when the gate was given a tag, else `repo@sha256:…`. */
export function imageRef(image: ResolvedImage): string {
  const tag = image.target.tag;
  const ref = tag ? `${image.repository}:${tag}` : `${image.repository}@${image.imageDigest}`;
  return image.platform ? `${ref} (${image.platform})` : ref;
}

function detailOfUnknown(input: UploaderRulesInput, baseline: readonly PushEvent[]): string {
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

function noBaselineMessage(
  input: UploaderRulesInput,
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

function partialMessage(input: UploaderRulesInput, evidence: UploaderEvidence): string {
  const back = evidence.historyReachesBack?.toISOString() ?? 'the gated push';
  return (
    `uploader baseline for ${input.image.repository} is incomplete: CloudTrail was read back to ` +
    `${back} only (page limit), not the full ${input.historyDays} days.`
  );
}

function skippedMessage(input: UploaderRulesInput): string {
  const why = input.evidence.reason ? `: ${input.evidence.reason}` : '';
  return `uploader of ${imageRef(input.image)} was not checked${why}`;
}
