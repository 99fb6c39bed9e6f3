// The rows the uploader rules emit (SPEC 2), in the seed's upload shape: one per PutImage event,
// the tag-overwrite rows (from CloudTrail's later pushes of the tag or from ECR alone) and the
// unverified-uploader row.
import type { Detection, Level, PushEvent, ResolvedImage, RuleId } from '../model.js';
import { RULES, fillMessage, riskEvent } from './catalog.js';
import { splunkTime } from './time.js';
import { imageRef } from './uploader-messages.js';
import type { UploaderRulesInput } from './uploader.js';

/** The tag the gate was asked about, or the tag the push set. */
export function gatedTag(image: ResolvedImage, push: PushEvent): string | undefined {
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
export function tagOverwrites(input: UploaderRulesInput, push: PushEvent): Detection[] {
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
    const row = tagMovedDetection(input.image, input.imageIndex, input.levels, movedTo, push, tag);
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
  tag: string | undefined = image.target.tag,
): Detection | undefined {
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

export function baseRow(rule: RuleId, input: UploaderRulesInput, time: string): Detection {
  return { ...riskEvent(rule, input.levels[rule], input.imageIndex, time), message: '' };
}

/** A row in the seed's upload shape, describing one PutImage event. */
export function uploadRow(
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
export function unverified(input: UploaderRulesInput, push?: PushEvent): Detection {
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
