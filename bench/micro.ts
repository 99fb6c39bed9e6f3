// In-process micro-benchmark: N findings through normalisation, the rules (engine.buildReport)
// and every renderer, timed stage by stage in CPU time. Run as its own process so its peak RSS is
// its own: `node --import tsx bench/micro.ts --findings 20000` prints one JSON line.
// The first (cold) pass is what the action does once per run; warm passes show the steady cost.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ImageScanFinding } from '@aws-sdk/client-ecr';
import { basicFindings, githubActionsRole, iamUser, putImageRecord } from '../emulator/index.js';
import { normalizeBasic } from '../src/aws/findings.js';
import { parseTrailEvent } from '../src/aws/cloudtrail-record.js';
import { buildReport } from '../src/build-report.js';
import { parseSettings } from '../src/inputs/parse.js';
import type { PushEvent, ResolvedImage, ScanOutcome, UploaderEvidence } from '../src/model.js';
import { annotationProperties, buildAnnotations } from '../src/report/annotations.js';
import { jsonReportChunks } from '../src/report/json.js';
import { buildOutputs } from '../src/report/outputs.js';
import { renderPrComments } from '../src/report/pr-comment.js';
import { renderSarif } from '../src/report/sarif.js';
import { SarifRestart, streamSarif } from '../src/report/sarif-write.js';
import { encoded } from '../src/runtime/files.js';
import { renderSummary } from '../src/report/summary.js';
import { renderText } from '../src/report/text.js';
import type { MicroResult, Stage } from './micro-result.js';
import { median } from './stats.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const REPOSITORY = 'app';
const DIGEST = `sha256:${'c'.repeat(64)}`;

function pushOf(record: ReturnType<typeof putImageRecord>, id: string): PushEvent {
  const result = parseTrailEvent({
    EventId: id,
    EventName: 'PutImage',
    CloudTrailEvent: JSON.stringify({ ...record, eventID: id }),
  });
  if (result.kind !== 'push') throw new Error(`micro: synthetic push not parsed (${result.kind})`);
  return result.push;
}

function evidence(now: number): UploaderEvidence {
  const push = pushOf(
    putImageRecord({
      identity: githubActionsRole(ACCOUNT, 'github-actions-ecr-push', 9000),
      region: REGION,
      registryId: ACCOUNT,
      repository: REPOSITORY,
      digest: DIGEST,
      tag: 'v1',
      eventTime: now / 1000 - 30,
    }),
    'push-0',
  );
  const history = Array.from({ length: 199 }, (_, i) =>
    pushOf(
      putImageRecord({
        identity: i % 2 ? iamUser(ACCOUNT, 'alice') : githubActionsRole(ACCOUNT, 'ci', i),
        region: REGION,
        registryId: ACCOUNT,
        repository: REPOSITORY,
        digest: `sha256:${(i + 1).toString(16).padStart(64, 'a')}`,
        tag: `v0.${i}`,
        eventTime: now / 1000 - 3600 * (i + 2),
      }),
      `push-${i + 1}`,
    ),
  );
  return {
    state: 'found',
    push,
    history,
    tagPushes: [],
    historyComplete: true,
    stats: { strategy: 'micro', calls: 5, pages: 5, events: 200, malformed: 0, throttled: 0 },
  };
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** One pass over every stage; returns CPU ms per stage and the bytes each surface produced. */
function pass(raw: readonly ImageScanFinding[], now: Date, evidenceOf: UploaderEvidence) {
  const ms = {} as Record<Stage, number>;
  const bytes: Record<string, number> = {};
  const timed = <T>(stage: Stage, work: () => T): T => {
    const start = process.cpuUsage();
    const value = work();
    ms[stage] = cpuMs(start);
    return value;
  };
  const settings = parseSettings(
    {
      image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${REPOSITORY}:v1`,
      'sarif-file': 'results.sarif',
    },
    { AWS_REGION: REGION },
    null,
  );
  const findings = timed('normalize', () => raw.map(normalizeBasic));
  const image: ResolvedImage = {
    target: settings.images[0] as ResolvedImage['target'],
    registryId: ACCOUNT,
    region: REGION,
    repository: REPOSITORY,
    imageDigest: DIGEST,
    imageTags: ['v1'],
    pushedAt: new Date(now.getTime() - 30_000),
  };
  const scan: ScanOutcome = {
    type: 'BASIC',
    status: 'COMPLETE',
    usable: true,
    completedAt: now,
    findings,
    calls: Math.ceil(raw.length / 1000),
  };
  const report = timed('rules', () =>
    buildReport(settings, [{ image, scan, evidence: evidenceOf }], {
      now,
      durationMs: 1000,
      calls: { ecr: 21, cloudtrail: 5 },
    }),
  );
  bytes.summary = timed('summary', () => renderSummary(report)).length;
  bytes.prComment = timed('pr-comment', () =>
    renderPrComments(report).reduce((n, c) => n + c.body.length, 0),
  );
  // Both files drawn piece by piece and encoded into the buffer the action writes from
  // (runtime/files.ts), minus the file system; counted in UTF-16 units.
  const drawn = (pieces: Iterable<string>): number => {
    let n = 0;
    const counted = function* () {
      for (const piece of pieces) {
        n += piece.length;
        yield piece;
      }
    };
    for (const bytes of encoded(counted())) void bytes;
    return n;
  };
  bytes.sarif = timed('sarif', () => {
    try {
      return drawn(streamSarif(report, {}, { omittedResults: 0, omittedRuns: 0 }));
    } catch (error) {
      if (!(error instanceof SarifRestart)) throw error;
      return drawn(renderSarif(report).chunks);
    }
  });
  bytes.json = timed('json', () => drawn(jsonReportChunks(report)));
  bytes.annotations = timed('annotations', () =>
    buildAnnotations(report).map((a) => [a.message, annotationProperties(a)]),
  ).length;
  bytes.text = timed('text', () => renderText(report, { color: false })).length;
  bytes.outputs = Object.keys(
    timed('outputs', () =>
      buildOutputs(report, { reportFile: 'report.json', sarifFile: 'results.sarif' }),
    ),
  ).length;
  return { ms, bytes, detections: report.detections.length };
}

export function runMicro(count: number, warmPasses = 3): MicroResult {
  // The SDK's shape of a basic finding is the emulator's wire shape.
  const raw = basicFindings(count) as ImageScanFinding[];
  const now = new Date();
  const evidenceOf = evidence(now.getTime());
  const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
  const cold = pass(raw, now, evidenceOf);
  if (cold.detections < count) {
    throw new Error(`micro: ${cold.detections} detections for ${count} findings`);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const warm = Array.from({ length: warmPasses }, () =>
    Object.values(pass(raw, now, evidenceOf).ms).reduce((s, n) => s + n, 0),
  );
  return {
    findings: count,
    coldMs: cold.ms,
    coldTotalMs: Object.values(cold.ms).reduce((s, n) => s + n, 0),
    warmTotalMs: median(warm),
    baselineRssMb,
    peakRssMb,
    bytes: cold.bytes,
  };
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const { values } = parseArgs({
    options: { findings: { type: 'string', default: '20000' }, warm: { type: 'string' } },
  });
  const count = Number(values.findings);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write(`micro: --findings ${values.findings} must be an integer ≥ 1\n`);
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(runMicro(count, Number(values.warm ?? 3)))}\n`);
}
