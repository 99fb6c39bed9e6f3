// The demo's default world, built by the project's own builders so `npm run demo` needs nothing
// outside the repository. Same shape as the Splunk recordings it stands in for (issue 16): a BASIC
// scan of about 100 findings over every severity, and a push by an IAM user nobody listed into
// another account's registry.
import {
  basicFindings,
  githubActionsRole,
  iamUser,
  putImageRecord,
  singleImage,
  type Scenario,
} from '../emulator/index.js';

export const ACCOUNT = '111111111111';
export const OTHER_ACCOUNT = '111111111112';
export const REGION = 'eu-central-1';

export interface DemoWorld {
  scenario: Scenario;
  images: string[];
  knownUploaders: string;
  /** What the world holds, for the header the demo prints. */
  about: string[];
}

/** A scan like the recorded one: 104 findings, the recorded split plus one critical. */
export const DEMO_MIX = {
  CRITICAL: 1,
  HIGH: 2,
  MEDIUM: 14,
  LOW: 22,
  INFORMATIONAL: 62,
  UNDEFINED: 3,
} as const;

export function builtWorld(now = Math.floor(Date.now() / 1000)): DemoWorld {
  const client = singleImage({
    repository: 'demo/web-client',
    tags: ['latest'],
    pushedAt: now - 300,
    scan: {
      timeline: [{ status: 'COMPLETE' }],
      findings: basicFindings(104, DEMO_MIX, { seed: 16 }),
      completedAt: now - 270,
    },
  });
  const server = {
    ...singleImage({
      repository: 'demo/web-server',
      tags: ['latest'],
      pushedAt: now - 240,
      scan: { timeline: [{ status: 'COMPLETE' as const }], findings: [] },
    }),
    registryId: OTHER_ACCOUNT,
  };
  // The client comes from the team's release role, listed in known-uploaders.
  const release = putImageRecord({
    identity: githubActionsRole(ACCOUNT, 'release-pipeline', 4242),
    region: REGION,
    registryId: ACCOUNT,
    repository: client.repository,
    digest: client.digest,
    tag: 'latest',
    eventTime: now - 300,
    ...(client.manifest ? { manifest: client.manifest } : {}),
  });
  // IAM user `ci-bot` of ACCOUNT pushes into OTHER_ACCOUNT's registry; the trail is ACCOUNT's, as
  // in the recorded attack_data event.
  const push = putImageRecord({
    identity: iamUser(ACCOUNT, 'ci-bot'),
    region: REGION,
    registryId: OTHER_ACCOUNT,
    repository: server.repository,
    digest: server.digest,
    tag: 'latest',
    eventTime: now - 240,
    ...(server.manifest ? { manifest: server.manifest } : {}),
    recipientAccountId: ACCOUNT,
  });
  return {
    scenario: {
      accountId: ACCOUNT,
      region: REGION,
      repositories: [
        { name: client.repository, registryId: ACCOUNT, scanType: 'BASIC' },
        { name: server.repository, registryId: OTHER_ACCOUNT, scanType: 'BASIC' },
      ],
      images: [{ ...client, registryId: ACCOUNT }, server],
      cloudTrail: { events: [{ record: release }, { record: push }] },
    },
    images: [
      `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${client.repository}:latest`,
      `${OTHER_ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${server.repository}:latest`,
    ],
    knownUploaders: `arn:aws:iam::${ACCOUNT}:role/release-pipeline`,
    about: [
      'world: built by emulator/builders (npm run demo -- --splunk replays the real recordings)',
      `  demo/web-client: pushed by the listed release-pipeline role; BASIC scan, 104 findings (${Object.entries(
        DEMO_MIX,
      )
        .map(([s, n]) => `${s.toLowerCase()} ${n}`)
        .join(', ')})`,
      `  demo/web-server: pushed by IAM user ci-bot of ${ACCOUNT} into registry ${OTHER_ACCOUNT}`,
    ],
  };
}
