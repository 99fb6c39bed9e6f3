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
import {
  detailOfUnknown,
  noBaselineMessage,
  partialMessage,
  skippedMessage,
} from './uploader-messages.js';
import {
  gatedTag,
  tagMovedDetection,
  tagOverwrites,
  unverified,
  uploadRow,
} from './uploader-rows.js';
import { matchKnownUploader } from './principal-match.js';
import {
  describeBusinessHours,
  describeLocalTime,
  isValidTimeZone,
  isWithinBusinessHours,
} from './time.js';

export { imageRef } from './uploader-messages.js';
export { tagMovedDetection } from './uploader-rows.js';

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
  // A history cut short (page cap) that found nobody proves no "first push" either.
  else if (input.historyDays > 0 && !evidence.historyComplete) status = 'unverified';
  else status = 'no-baseline';

  // Later pushes of the tag were in the same unread window: with a tag, tag-overwrite is unproven
  // too, so even a known uploader gets the unverified row.
  if (
    evidence.historyError !== undefined &&
    (status === 'unverified' || gatedTag(input.image, push) !== undefined)
  ) {
    detections.push(unverified(input, push));
  } else if (status === 'unverified') {
    detections.push({ ...unverified(input, push), detail: partialMessage(input, evidence) });
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
