import { readFileSync } from 'node:fs';
import {
  BASIC_SEVERITIES,
  ENHANCED_SEVERITIES,
  FAULT_KINDS,
  SCAN_STATUSES,
  type Scenario,
} from './scenario.js';
import { epochSeconds } from './time.js';

/** A scenario that cannot be served; the message names the field, the value and what is accepted. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

export function invalid(path: string, value: unknown, expected: string): ScenarioError {
  const shown = JSON.stringify(value) ?? String(value);
  const clipped = shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
  return new ScenarioError(`${path}: ${clipped} is not valid. Expected ${expected}.`);
}

type Check = (value: unknown, path: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v, p) => {
  if (typeof v !== 'string' || v === '') throw invalid(p, v, 'a non-empty string');
};
const nonNegative: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw invalid(p, v, 'a number ≥ 0');
  }
};
const positiveInt: Check = (v, p) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw invalid(p, v, 'an integer ≥ 1');
  }
};
const time: Check = (v, p) => {
  if ((typeof v !== 'number' && typeof v !== 'string') || epochSeconds(v) === undefined) {
    throw invalid(p, v, 'epoch seconds or an ISO-8601 time');
  }
};
const oneOf =
  (values: readonly string[]): Check =>
  (v, p) => {
    if (typeof v !== 'string' || !values.includes(v)) throw invalid(p, v, values.join(' | '));
  };
const arrayOf =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) throw invalid(p, v, 'an array');
    v.forEach((entry, i) => item(entry, `${p}[${i}]`));
  };

/** An object whose listed fields pass their checks; `required` fields must be present. */
function object(fields: Record<string, Check>, required: string[] = []): Check {
  return (v, p) => {
    if (!isObject(v)) throw invalid(p, v, 'an object');
    for (const key of required) {
      if (v[key] === undefined) throw new ScenarioError(`${p}.${key} is missing.`);
    }
    for (const [key, check] of Object.entries(fields)) {
      if (v[key] !== undefined) check(v[key], `${p}.${key}`);
    }
  };
}

const anyObject: Check = (v, p) => {
  if (!isObject(v)) throw invalid(p, v, 'an object');
};

const delaySpec: Check = (v, p) => {
  if (typeof v === 'string') return oneOf(['cloudtrail', 'basic-scan', 'enhanced-scan'])(v, p);
  if (isObject(v) && v['kind'] === 'fixed') return object({ ms: nonNegative }, ['ms'])(v, p);
  if (isObject(v) && v['kind'] === 'lognormal') {
    return object({ meanMs: nonNegative, sigma: nonNegative, maxMs: nonNegative }, [
      'meanMs',
      'sigma',
    ])(v, p);
  }
  throw invalid(
    p,
    v,
    'cloudtrail | basic-scan | enhanced-scan, {"kind":"fixed","ms":N} or {"kind":"lognormal","meanMs":N,"sigma":N}',
  );
};

const scanStep = object(
  {
    status: oneOf([...SCAN_STATUSES, 'NOT_FOUND']),
    forMs: nonNegative,
    description: string,
  },
  ['status'],
);

const severityOf =
  (allowed: readonly string[]): Check =>
  (v, p) =>
    object({ severity: oneOf(allowed) }, ['severity'])(v, p);

const scan = object({
  timeline: arrayOf(scanStep),
  afterStart: arrayOf(scanStep),
  findings: arrayOf(object({ name: string, severity: oneOf(BASIC_SEVERITIES) }, ['severity'])),
  enhancedFindings: arrayOf(severityOf(ENHANCED_SEVERITIES)),
  severityCounts: oneOf(['per-page', 'whole', 'none']),
  findingsAfterMs: nonNegative,
  completedAt: time,
  vulnerabilitySourceUpdatedAt: time,
  completeAfter: delaySpec,
});

const digest: Check = (v, p) => {
  if (typeof v !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(v)) {
    throw invalid(p, v, '"sha256:" followed by 64 lowercase hex digits');
  }
};

const image = object(
  {
    repository: string,
    registryId: string,
    digest,
    tags: arrayOf(string),
    pushedAt: time,
    manifestMediaType: string,
    artifactMediaType: string,
    manifest: string,
    sizeInBytes: nonNegative,
    index: arrayOf(
      object(
        {
          digest,
          platform: object({ architecture: string, os: string, variant: string }, [
            'architecture',
            'os',
          ]),
          attestationFor: digest,
          mediaType: string,
          size: nonNegative,
        },
        ['digest'],
      ),
    ),
    scan,
  },
  ['repository', 'digest'],
);

const record = object({ eventTime: time, eventName: string, eventSource: string }, [
  'eventTime',
  'eventName',
  'eventSource',
]);

const fault = object(
  {
    kind: oneOf(FAULT_KINDS),
    service: oneOf(['ecr', 'cloudtrail']),
    operation: string,
    calls: arrayOf(positiveInt),
    from: positiveInt,
    count: nonNegative,
    latencyMs: nonNegative,
    errorType: string,
    status: (v, p) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 400 || v > 599) {
        throw invalid(p, v, 'an HTTP error status 400-599');
      }
    },
    message: string,
    // Any JSON: `respond` answers it, `patch` merges it (wrong types are the point).
    body: () => undefined,
    patch: () => undefined,
  },
  ['kind'],
);

const scenario = object(
  {
    accountId: (v, p) => {
      if (typeof v !== 'string' || !/^\d{12}$/.test(v)) throw invalid(p, v, '12 digits');
    },
    region: (v, p) => {
      if (typeof v !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(v)) {
        throw invalid(p, v, 'an AWS region such as eu-central-1');
      }
    },
    repositories: arrayOf(
      object({ name: string, registryId: string, scanType: oneOf(['BASIC', 'ENHANCED']) }, [
        'name',
      ]),
    ),
    images: arrayOf(image),
    cloudTrail: object(
      {
        events: arrayOf(
          object(
            {
              record,
              visibleAfterMs: nonNegative,
              visibleAfter: delaySpec,
              username: string,
              resources: arrayOf(anyObject),
            },
            ['record'],
          ),
        ),
        resourceNameMatch: oneOf(['arn', 'name', 'both']),
        lookupsPerSecond: nonNegative,
      },
      ['events'],
    ),
    faults: arrayOf(fault),
    latencyMs: nonNegative,
    hangMs: nonNegative,
    timeBase: time,
    delays: object({
      seed: nonNegative,
      scale: (v, p) => {
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
          throw invalid(p, v, 'a number > 0');
        }
      },
    }),
  },
  ['accountId', 'region', 'repositories', 'images'],
);

/** Checks the shape of a scenario read from JSON; consistency is checked when it is served. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  scenario(value, source);
  return value as Scenario;
}

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`Scenario file ${file} cannot be read: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioError(`Scenario file ${file} is not valid JSON: ${reason}`);
  }
  return parseScenario(json, file);
}
