// Fault corpus, CloudTrail side: LookupEvents failing, lying or staying silent. The scan is
// COMPLETE with one MEDIUM finding throughout, so `medium` (warn) is always among the rules and
// only the uploader part changes. Data only.
import type { FaultSpec } from '../../emulator/index.js';
import type { FaultCase } from './fault-world.js';

const lookup = (fault: Omit<FaultSpec, 'operation'>): FaultSpec => ({
  ...fault,
  operation: 'LookupEvents',
});

/** The rules' fail set with `unverified-uploader` added: the uploader must be proven. */
const STRICT = {
  'fail-on':
    'critical,high,unknown-uploader,tag-overwrite,cross-account-uploader,unverified-uploader,scan-incomplete',
};

const found = (id: string, fault: string, setup: FaultCase['setup'], inputs = {}): FaultCase => ({
  id,
  area: 'CloudTrail',
  fault,
  setup,
  inputs,
  expect: { code: 0, result: 'warn', rules: ['medium'], uploaderStatus: 'no-baseline' },
});

const unverified = (
  id: string,
  fault: string,
  setup: FaultCase['setup'],
  log: string,
  inputs = {},
): FaultCase => ({
  id,
  area: 'CloudTrail',
  fault,
  setup,
  inputs,
  expect: {
    code: 0,
    result: 'warn',
    rules: ['medium', 'unverified-uploader'],
    uploaderStatus: 'unverified',
    log,
  },
});

/** Records CloudTrail could deliver with the right envelope but unusable contents. */
const BROKEN_RECORDS = {
  Events: [
    {
      EventId: 'broken-1',
      EventName: 'PutImage',
      CloudTrailEvent: JSON.stringify({
        eventName: 'PutImage',
        eventTime: 5,
        userIdentity: 'root',
        awsRegion: ['eu-central-1'],
      }),
    },
    { EventId: 'broken-2', EventName: 'PutImage', CloudTrailEvent: '{"eventName": "PutImage", ' },
    { EventId: 'broken-3', EventName: 'PutImage', CloudTrailEvent: '[]' },
  ],
};

export const CLOUDTRAIL_CASES: FaultCase[] = [
  // Issue 18 §3.4: call 1 finds the push, the history read around it fails. A history that could
  // not be read proves nothing: unverified, never `no-baseline` (which would pass).
  unverified(
    'ct-history-throttled',
    'The push is found; every history LookupEvents call after it is throttled',
    { faults: [lookup({ kind: 'throttle', from: 2 })] },
    'the pushes around it could not be read',
  ),
  unverified(
    'ct-history-503',
    'The push is found; every history LookupEvents call after it answers HTTP 503',
    { faults: [lookup({ kind: 'http503', from: 2 })] },
    'the pushes around it could not be read',
  ),
  unverified(
    'ct-history-hang',
    'The push is found; the history read never answers (uploader-timeout 3: no 60 s of its own)',
    { faults: [lookup({ kind: 'hang', from: 2 })] },
    'CloudTrail did not answer in time',
    { 'uploader-timeout': '3' },
  ),
  unverified(
    'ct-http500-error-page',
    'Every LookupEvents answer is HTTP 500 with a body that is not an AWS error',
    { faults: [lookup({ kind: 'malformed', status: 500 })] },
    'with HTTP 500',
  ),
  found('ct-throttle-burst', 'ThrottlingException on the first 3 LookupEvents calls', {
    faults: [lookup({ kind: 'throttle', count: 3 })],
  }),
  unverified(
    'ct-throttle-storm',
    'ThrottlingException on every LookupEvents call',
    { faults: [lookup({ kind: 'throttle' })] },
    'could not be verified',
  ),
  {
    id: 'ct-throttle-storm-strict',
    area: 'CloudTrail',
    fault: 'ThrottlingException on every LookupEvents call; fail-on includes unverified-uploader',
    setup: { faults: [lookup({ kind: 'throttle' })] },
    inputs: STRICT,
    expect: {
      code: 1,
      result: 'fail',
      rules: ['medium', 'unverified-uploader'],
      uploaderStatus: 'unverified',
      log: 'could not be verified',
    },
  },
  found('ct-5xx-burst', 'HTTP 500 then 503 on the first two LookupEvents calls', {
    faults: [lookup({ kind: 'http500', calls: [1] }), lookup({ kind: 'http503', calls: [2] })],
  }),
  unverified(
    'ct-5xx-storm',
    'HTTP 503 on every LookupEvents call',
    { faults: [lookup({ kind: 'http503' })] },
    'could not be verified',
  ),
  found('ct-reset-once', 'Connection reset on the first LookupEvents call', {
    faults: [lookup({ kind: 'reset', count: 1 })],
  }),
  unverified(
    'ct-reset-storm',
    'Connection reset on every LookupEvents call',
    { faults: [lookup({ kind: 'reset' })] },
    'could not be verified',
  ),
  unverified(
    'ct-hang',
    'LookupEvents never answers',
    { faults: [lookup({ kind: 'hang' })] },
    'CloudTrail did not answer in time',
  ),
  found('ct-push-on-page-2', '60 other pushes in the same minutes: the push is on page 2', {
    crowd: 60,
  }),
  unverified(
    'ct-hang-mid-pagination',
    'Page 2 of the push search never answers',
    { crowd: 60, faults: [lookup({ kind: 'hang', calls: [2] })] },
    'CloudTrail did not answer in time',
  ),
  found('ct-truncated-mid-pagination', 'Page 2 of the push search is cut off halfway', {
    crowd: 60,
    faults: [lookup({ kind: 'truncated', calls: [2] })],
  }),
  found('ct-malformed-once', 'First LookupEvents answer is not JSON', {
    faults: [lookup({ kind: 'malformed', count: 1 })],
  }),
  unverified(
    'ct-malformed-storm',
    'Every LookupEvents answer is not JSON',
    { faults: [lookup({ kind: 'malformed' })] },
    'with a response that could not be read',
  ),
  unverified(
    'ct-wrong-types-envelope',
    'LookupEvents: EventTime is text, EventId a number',
    {
      faults: [
        lookup({ kind: 'patch', patch: { Events: [{ EventId: 5, EventTime: 'yesterday' }] } }),
      ],
    },
    'with a response that could not be read',
  ),
  unverified(
    'ct-wrong-types-records',
    'CloudTrailEvent JSON with wrong types, cut off, or an array',
    { faults: [lookup({ kind: 'respond', body: BROKEN_RECORDS })] },
    'raise uploader-timeout',
  ),
  unverified(
    'ct-empty-pages-with-token',
    'Empty LookupEvents pages that keep handing out a new NextToken',
    { faults: [lookup({ kind: 'respond', body: { Events: [], NextToken: 'page-{call}' } })] },
    'could not be verified',
  ),
  unverified(
    'ct-repeating-token',
    'Every LookupEvents page hands back the same NextToken',
    { faults: [lookup({ kind: 'respond', body: { Events: [], NextToken: 'same' } })] },
    'could not be verified',
  ),
  unverified(
    'ct-denied',
    'AccessDenied on LookupEvents',
    { faults: [lookup({ kind: 'accessDenied' })] },
    'AWS denied cloudtrail:LookupEvents',
  ),
  {
    id: 'ct-denied-strict',
    area: 'CloudTrail',
    fault: 'AccessDenied on LookupEvents; fail-on includes unverified-uploader',
    setup: { faults: [lookup({ kind: 'accessDenied' })] },
    inputs: STRICT,
    expect: {
      code: 1,
      result: 'fail',
      rules: ['medium', 'unverified-uploader'],
      uploaderStatus: 'unverified',
      log: 'AWS denied cloudtrail:LookupEvents',
    },
  },
  unverified(
    'ct-expired-credentials',
    'ExpiredTokenException on LookupEvents',
    { faults: [lookup({ kind: 'expiredToken' })] },
    'AWS rejected the credentials used for cloudtrail:LookupEvents',
  ),
  unverified(
    'ct-never-appears',
    'The PutImage event never appears in CloudTrail',
    { push: 'missing' },
    'raise uploader-timeout',
  ),
  found(
    'ct-appears-late',
    'The PutImage event appears after 3 s (uploader-timeout 10)',
    { push: { visibleAfterMs: 3000 } },
    { 'uploader-timeout': '10' },
  ),
  unverified(
    'ct-appears-after-timeout',
    'The PutImage event appears after 60 s (uploader-timeout 4)',
    { push: { visibleAfterMs: 60_000 } },
    'raise uploader-timeout',
  ),
  found('ct-clock-ahead', "Clock skew: AWS's clock 10 minutes ahead of the runner's", {
    clockSkewMs: 10 * 60_000,
  }),
  found('ct-clock-behind', "Clock skew: AWS's clock 10 minutes behind the runner's", {
    clockSkewMs: -10 * 60_000,
  }),
  found(
    'ct-signature-expired-once',
    'Clock skew: first LookupEvents answered InvalidSignatureException "Signature expired"',
    {
      faults: [
        lookup({
          kind: 'error',
          count: 1,
          errorType: 'InvalidSignatureException',
          message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z',
        }),
      ],
    },
  ),
];
