// Sweep rows (issue 15): PutImage events grouped exactly as the seed search groups them, each
// judged by the uploader rules. Pure.
//
// The seed ("AWS ECR Container Upload Unknown User", splunk/security_content):
//   `cloudtrail` eventSource=ecr.amazonaws.com eventName=PutImage NOT `aws_ecr_users`
//   | rename requestParameters.* as * | rename repositoryName AS image
//   | eval phase="release" | eval severity="high"
//   | stats min(_time) as firstTime max(_time) as lastTime
//       by awsRegion, eventName, eventSource, user, userName, src_ip, imageTag, registryId, image, phase, severity
//   | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)`
// One difference on purpose: `stats by` drops events whose imageTag is null (a push by digest);
// a gate must not, so such pushes form rows without imageTag.
import type { BusinessHours } from '../inputs/settings.js';
import type { Detection, Level, PushEvent, ResolvedImage, RuleId, UploadRow } from '../model.js';
import { RULES } from './catalog.js';
import { splunkTime } from './time.js';
import { uploaderDetections } from './uploader.js';

/** The SPL's `by` clause; severity and phase are constants of the search. */
function rowKey(push: PushEvent): string {
  return [
    push.region,
    push.principal.name,
    push.userName,
    push.sourceIp,
    push.tag ?? '',
    push.registryId,
    push.repository,
  ].join('\u0000');
}

/** Pushes grouped by the SPL's fields, oldest event first in each group, groups by first time. */
export function groupPushes(pushes: readonly PushEvent[]): PushEvent[][] {
  const groups = new Map<string, PushEvent[]>();
  const sorted = [...pushes].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
  for (const push of sorted) {
    const key = rowKey(push);
    const group = groups.get(key);
    if (group) group.push(push);
    else groups.set(key, [push]);
  }
  return [...groups.values()];
}

/** Pushes seen once, by CloudTrail's event id: overlapping windows or regions count once. */
export function dedupeByEventId(pushes: readonly PushEvent[]): PushEvent[] {
  const seen = new Map<string, PushEvent>();
  for (const push of pushes) if (!seen.has(push.eventId)) seen.set(push.eventId, push);
  return [...seen.values()];
}

export const repositoryKey = (p: { region: string; registryId: string; repository: string }) =>
  `${p.region}/${p.registryId}/${p.repository}`;

export interface SweepRulesInput {
  /** Every push of the window (deduplicated). */
  pushes: readonly PushEvent[];
  /** Per repositoryKey: pushes before the window (the first-seen baseline) and how sure. */
  baselines: ReadonlyMap<string, { pushes: PushEvent[]; complete: boolean; error?: string }>;
  knownUploaders: readonly string[];
  historyDays: number;
  levels: Readonly<Record<RuleId, Level>>;
  businessHours: BusinessHours | null;
  /** Report image index of a pushed digest (`repositoryKey@digest`). */
  imageIndexOf: (push: PushEvent) => number;
}

export interface SweepJudgement {
  rows: UploadRow[];
  detections: Detection[];
}

/** Rows of the seed search, each judged by the uploader rules as one push of the gated path is. */
export function judgeSweep(input: SweepRulesInput): SweepJudgement {
  const rows: UploadRow[] = [];
  const detections: Detection[] = [];
  const byTag = new Map<string, PushEvent[]>();
  for (const push of input.pushes) {
    if (push.tag === undefined) continue;
    const key = `${repositoryKey(push)}:${push.tag}`;
    byTag.set(key, [...(byTag.get(key) ?? []), push]);
  }

  for (const group of groupPushes(input.pushes)) {
    const first = group[0];
    const last = group[group.length - 1];
    if (!first || !last) continue;
    const baseline = input.baselines.get(repositoryKey(first)) ?? { pushes: [], complete: true };
    // Another principal pushing the same tag in the window is an overwrite; the same principal
    // re-pushing its tag (`latest` on every build) is routine.
    const tagPushes =
      first.tag === undefined
        ? []
        : (byTag.get(`${repositoryKey(first)}:${first.tag}`) ?? []).filter(
            (p) =>
              p.principal.key !== first.principal.key &&
              p.eventTime.getTime() >= first.eventTime.getTime(),
          );
    const image: ResolvedImage = {
      target: {
        raw: `${first.repository}${first.tag ? `:${first.tag}` : ''}`,
        repository: first.repository,
        registryId: first.registryId,
        region: first.region,
        ...(first.tag ? { tag: first.tag } : {}),
      },
      registryId: first.registryId,
      region: first.region,
      repository: first.repository,
      imageDigest: first.digest ?? '',
      imageTags: first.tag ? [first.tag] : [],
    };
    const imageIndex = input.imageIndexOf(last);
    const judged = uploaderDetections({
      image,
      imageIndex,
      evidence: {
        state: 'found',
        push: first,
        tagPushes,
        history: baseline.pushes,
        historyComplete: baseline.complete,
        ...(baseline.error === undefined ? {} : { historyError: baseline.error }),
        stats: { strategy: 'sweep', calls: 0, pages: 0, events: 0, malformed: 0, throttled: 0 },
      },
      knownUploaders: input.knownUploaders,
      historyDays: input.historyDays,
      levels: input.levels,
      businessHours: input.businessHours,
    });
    const firstTime = splunkTime(first.eventTime);
    const lastTime = splunkTime(last.eventTime);
    for (const d of judged.detections) {
      // The row's span, as the seed's min(_time)/max(_time); a tag-overwrite row keeps its own.
      if (d.rule !== 'tag-overwrite') {
        d.firstTime = firstTime;
        d.lastTime = lastTime;
      }
      detections.push(d);
    }
    const digests = [...new Set(group.flatMap((p) => (p.digest ? [p.digest] : [])))];
    rows.push({
      awsRegion: first.region,
      eventName: 'PutImage',
      eventSource: 'ecr.amazonaws.com',
      user: first.principal.name,
      userName: first.userName,
      src_ip: first.sourceIp,
      ...(first.tag === undefined ? {} : { imageTag: first.tag }),
      registryId: first.registryId,
      image: first.repository,
      phase: 'release',
      severity: RULES['unknown-uploader'].severity,
      firstTime,
      lastTime,
      count: group.length,
      principal: first.principal.key,
      status: judged.status,
      digests,
      rules: [...new Set(judged.detections.map((d) => d.rule))],
    });
  }
  return { rows, detections };
}

/** Rows that need a look first: a rule fired at fail or warn, then by rule count. */
export function rowsNeedingALook(rows: readonly UploadRow[]): UploadRow[] {
  return rows.filter((row) => row.rules.length > 0);
}
