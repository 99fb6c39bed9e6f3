// Issue 15 §2: the recorded Splunk PutImage dataset replayed through a sweep whose window covers
// it; the rows must be what the seed SPL yields on the same data, field by field.
//
// The SPL (splunk/security_content, detections/cloud/aws_ecr_container_upload_unknown_user.yml):
//   `cloudtrail` eventSource=ecr.amazonaws.com eventName=PutImage NOT `aws_ecr_users`
//   | rename requestParameters.* as * | rename repositoryName AS image
//   | eval phase="release" | eval severity="high"
//   | stats min(_time) as firstTime max(_time) as lastTime
//       by awsRegion, eventName, eventSource, user, userName, src_ip, imageTag, registryId, image, phase, severity
//   | `security_content_ctime(firstTime)` | `security_content_ctime(lastTime)`
// security_content_ctime is `convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)`.
// `user`/`src_ip` are the CIM names the AWS add-on gives userIdentity.userName and sourceIPAddress.
import { readFileSync } from 'node:fs';
import {
  splunkUploadScenario,
  startEmulator,
  type CloudTrailRecord,
  type Emulator,
} from '../../emulator/index.js';
import { evaluate } from '../../src/engine.js';
import { parseSettings } from '../../src/inputs/parse.js';
import { buildAdapters } from '../../src/runtime/adapters.js';
import { setAwsTestEnv } from '../aws/cloudtrail-helpers.js';
import { sharedPath } from '../shared-data.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const recorded: Json = JSON.parse(
  readFileSync(sharedPath('splunk/aws_ecr_container_upload_first_event.json'), 'utf8'),
);
const RECORDED_AT = Date.parse(recorded.eventTime as string);
// The gate runs 40 minutes after the recording: `70m..10m` covers it.
const NOW = RECORDED_AT + 40 * 60_000;

/** Copies of the recorded event, as the original dataset's later pushes would be. */
function copy(id: string, minutesLater: number, changes: Json = {}): Json {
  const time = new Date(RECORDED_AT + minutesLater * 60_000).toISOString().slice(0, 19) + 'Z';
  return {
    ...recorded,
    eventID: id,
    eventTime: time,
    ...changes,
    requestParameters: { ...recorded.requestParameters, ...(changes.requestParameters ?? {}) },
  };
}

const records: Json[] = [
  recorded,
  copy('00000000-0000-4000-8000-000000000001', 7), // same row: count 2, lastTime later
  copy('00000000-0000-4000-8000-000000000002', 9, { requestParameters: { imageTag: 'v2' } }),
  // A refused push changed nothing: not a push (the gate's one filter the SPL lacks).
  copy('00000000-0000-4000-8000-000000000003', 11, { errorCode: 'ImageTagAlreadyExistsException' }),
  // Outside the window (65 minutes before now is inside; 75 is not).
  copy('00000000-0000-4000-8000-000000000004', -35),
];

const pad = (n: number) => String(n).padStart(2, '0');
/** strftime %Y-%m-%dT%H:%M:%S in UTC, written out rather than borrowed from the code under test. */
const ctime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

/** The SPL above, on raw CloudTrail records, earliest=-70m latest=-10m. */
function splRows(events: Json[], now: number): Json[] {
  const earliest = now - 70 * 60_000;
  const latest = now - 10 * 60_000;
  const BY = [
    'awsRegion',
    'eventName',
    'eventSource',
    'user',
    'userName',
    'src_ip',
    'imageTag',
    'registryId',
    'image',
    'phase',
    'severity',
  ];
  const groups = new Map<string, Json>();
  for (const raw of events) {
    const time = Date.parse(raw.eventTime as string);
    if (time < earliest || time >= latest) continue;
    if (raw.eventSource !== 'ecr.amazonaws.com' || raw.eventName !== 'PutImage') continue;
    if (raw.errorCode !== undefined) continue;
    const e: Json = { ...raw, ...raw.requestParameters };
    e.image = e.repositoryName;
    e.phase = 'release';
    e.severity = 'high';
    e.user = raw.userIdentity.userName;
    e.userName = raw.userIdentity.userName;
    e.src_ip = raw.sourceIPAddress;
    // `stats … by` drops an event that lacks any by field.
    if (BY.some((f) => e[f] === undefined || e[f] === null)) continue;
    const key = JSON.stringify(BY.map((f) => e[f]));
    const row = groups.get(key);
    if (row) {
      row.firstTime = Math.min(row.firstTime, time);
      row.lastTime = Math.max(row.lastTime, time);
      row.count += 1;
    } else {
      groups.set(key, {
        ...Object.fromEntries(BY.map((f) => [f, e[f]])),
        firstTime: time,
        lastTime: time,
        count: 1,
      });
    }
  }
  return [...groups.values()].map((r) => ({
    ...r,
    firstTime: ctime(r.firstTime),
    lastTime: ctime(r.lastTime),
  }));
}

let emulator: Emulator;
const saved = { ...process.env };
beforeAll(async () => {
  setAwsTestEnv('eu-central-1');
  const base = splunkUploadScenario({ rebase: false });
  const started = Date.now();
  emulator = await startEmulator(
    {
      ...base,
      cloudTrail: { events: records.map((record) => ({ record: record as CloudTrailRecord })) },
    },
    { clock: () => NOW + (Date.now() - started) },
  );
  Object.assign(process.env, emulator.env());
});
afterAll(async () => {
  await emulator.close();
  process.env = saved;
});

test('the sweep rows are the SPL rows, field by field', async () => {
  const settings = parseSettings({ sweep: '70m..10m', region: 'eu-central-1' }, {}, null);
  const report = await evaluate(settings, { ...buildAdapters(settings), now: () => new Date(NOW) });

  const expected = splRows(records, NOW);
  expect(expected).toHaveLength(2); // latest ×2, v2 ×1
  const rows = report.sweep?.rows ?? [];
  const fields = Object.keys(expected[0] ?? {});
  const shown = rows.map((row) =>
    Object.fromEntries(fields.map((f) => [f, (row as unknown as Json)[f]])),
  );
  const order = (r: Json) => `${r.imageTag}`;
  expect(shown.sort((a, b) => order(a).localeCompare(order(b)))).toEqual(
    expected.sort((a, b) => order(a).localeCompare(order(b))),
  );
  expect(rows.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(r.firstTime))).toBe(true);
  // IAM user test of 111111111111 pushed into registry 111111111112 (SOURCES.md): cross-account.
  expect(report.detections.some((d) => d.rule === 'cross-account-uploader')).toBe(true);
  expect(report.result).toBe('fail');
  expect(report.sweep?.reads).toEqual([
    expect.objectContaining({ region: 'eu-central-1', complete: true }),
  ]);
});
