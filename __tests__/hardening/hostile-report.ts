// A report with the hostile corpus in every field the outside world fills in: finding ids,
// names, descriptions, URIs, packages and versions (the scanner), tags, platform and scan
// description (the registry), principal ARNs, names, session names, user names, source IPs and
// user agents (CloudTrail), ignore ids and reasons (a policy file). Built by the real engine from
// fake ports, so the text takes every path real data takes.
import { evaluate } from '../../src/engine.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { Settings } from '../../src/inputs/settings.js';
import type {
  Finding,
  PushEvent,
  Report,
  ResolvedImage,
  ScanOutcome,
  Severity,
  UploaderEvidence,
} from '../../src/model.js';
import type { EcrPort, UploaderPort } from '../../src/ports.js';
import { HOSTILE } from './hostile-strings.js';

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '210987654321';
const REGION = 'eu-central-1';
const DIGEST = `sha256:${'a'.repeat(64)}`;
const PLATFORM_DIGEST = `sha256:${'b'.repeat(64)}`;
const PUSHED = new Date('2024-05-01T03:00:00Z');
const SEVERITIES: readonly Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNDEFINED'];

/** The strings of one report: where a field holds one value, the short ones joined. */
interface Corpus {
  texts: readonly string[];
  joined: string;
}

const corpusOf = (texts: readonly string[]): Corpus => ({
  texts,
  joined: texts.filter((t) => t.length < 10_000).join(' ') || (texts[0] ?? '').slice(0, 10_000),
});

function hostileFinding(text: string, i: number): Finding {
  return {
    id: text,
    name: text,
    description: text,
    severity: SEVERITIES[i % SEVERITIES.length] ?? 'MEDIUM',
    scannerSeverity: text,
    // An advisory link with the text in its query (safeUrl must cope), or the text itself.
    uri: i % 2 === 0 ? `https://evil.example/advisory?q=${text.slice(0, 100)}` : text,
    cvss: { score: 9.8, vector: text },
    packages: [{ name: text, version: text, fixedInVersion: text, filePath: text }],
    title: text,
    source: i % 2 === 0 ? 'basic' : 'enhanced',
  };
}

function hostilePush(text: string, i: number, at: Date): PushEvent {
  return {
    eventId: `event-${i}`,
    eventTime: at,
    region: REGION,
    registryId: ACCOUNT,
    repository: 'app',
    tag: 'v1',
    digest: `sha256:${i.toString(16).padStart(64, 'c')}`,
    principal: {
      key: `arn:aws:iam::${ACCOUNT}:user/${text}`,
      type: 'IAMUser',
      arn: `arn:aws:iam::${ACCOUNT}:user/${text}`,
      accountId: ACCOUNT,
      name: text,
    },
    userName: text,
    sourceIp: text,
    userAgent: text,
  };
}

const gatedPush = ({ joined }: Corpus): PushEvent => ({
  eventId: 'gated-push',
  eventTime: PUSHED,
  region: REGION,
  registryId: ACCOUNT,
  repository: 'app',
  tag: 'v1',
  digest: DIGEST,
  principal: {
    key: `arn:aws:iam::${OTHER_ACCOUNT}:role/${joined}`,
    type: 'AssumedRole',
    arn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/${joined}/${joined}`,
    accountId: OTHER_ACCOUNT,
    name: joined,
    sessionName: joined,
  },
  userName: joined,
  sourceIp: joined,
  userAgent: joined,
});

const DAY = 86_400_000;

const evidence = ({ texts, joined }: Corpus): UploaderEvidence => ({
  state: 'found',
  push: gatedPush({ texts, joined }),
  history: texts.map((t, i) => hostilePush(t, i, new Date(PUSHED.getTime() - (i + 1) * DAY))),
  tagPushes: texts.map((t, i) =>
    hostilePush(t, 100 + i, new Date(PUSHED.getTime() + (i + 1) * 60_000)),
  ),
  historyComplete: false,
  historyReachesBack: new Date(PUSHED.getTime() - 30 * DAY),
  reason: joined,
  stats: { strategy: joined, calls: 1, pages: 1, events: 1, malformed: 0, throttled: 0 },
});

function images(settings: Settings, { texts, joined }: Corpus): ResolvedImage[] {
  const target = settings.images[0];
  if (!target) throw new Error('no image');
  const base = {
    target,
    registryId: ACCOUNT,
    region: REGION,
    repository: target.repository,
    pushedAt: PUSHED,
    indexDigest: `sha256:${'d'.repeat(64)}`,
  };
  return [
    { ...base, imageDigest: DIGEST, imageTags: ['v1', ...texts], platform: joined },
    { ...base, imageDigest: PLATFORM_DIGEST, imageTags: [...texts], platform: 'linux/arm64' },
  ];
}

const ecr = (settings: Settings, { texts, joined }: Corpus): EcrPort => ({
  resolve: () => Promise.resolve(images(settings, { texts, joined })),
  waitForScan: (image): Promise<ScanOutcome> =>
    Promise.resolve(
      image.imageDigest === DIGEST
        ? {
            type: 'BASIC',
            status: 'COMPLETE',
            usable: true,
            completedAt: PUSHED,
            findings: texts.map(hostileFinding),
            calls: 1,
            notes: [joined],
          }
        : {
            type: 'ENHANCED',
            status: joined,
            description: joined,
            usable: false,
            findings: [],
            calls: 1,
          },
    ),
  callCount: () => 2,
});

const uploader = (corpus: Corpus): UploaderPort => ({
  investigate: () => Promise.resolve(evidence(corpus)),
  callCount: () => 1,
});

/** `texts` (default: the whole corpus) on every field the outside world fills in, through the engine. */
export async function hostileReport(
  texts: readonly string[] = HOSTILE.map((h) => h.text),
): Promise<Report> {
  const corpus = corpusOf(texts);
  const { joined } = corpus;
  const settings = parseSettings(
    {
      image: '123456789012.dkr.ecr.eu-central-1.amazonaws.com/app:v1',
      'known-uploaders': 'arn:aws:iam::123456789012:role/deployer',
    },
    {},
    null,
  );
  settings.businessHours = {
    startMinute: 9 * 60,
    endMinute: 17 * 60,
    days: [1, 2, 3, 4, 5],
    timezone: 'UTC',
  };
  settings.levels['outside-business-hours'] = 'warn';
  settings.ignores = texts.map((t, i) => ({
    // Half match a finding (ignored with a hostile reason), half have expired (warnings).
    id: i % 2 === 0 ? t : `${t}-unused`,
    reason: t,
    ...(i % 2 === 0 ? {} : { expires: '2020-01-01' }),
    source: `.github/ecr-risk-gate.yml:${i + 1}`,
  }));
  settings.ignores.push({
    id: texts[1] ?? '',
    package: texts[1] ?? '',
    reason: joined,
    source: joined,
  });
  return evaluate(settings, {
    ecr: ecr(settings, corpus),
    uploader: uploader(corpus),
    now: () => new Date('2024-05-02T00:00:00Z'),
  });
}
