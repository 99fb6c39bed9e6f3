import { readFileSync } from 'node:fs';
import {
  parsePushRecord,
  parseTrailEvent,
  type RecordResult,
} from '../../src/aws/cloudtrail-record.js';
import { sharedPath } from '../shared-data.js';

const text = readFileSync(sharedPath('splunk/aws_ecr_container_upload_first_event.json'), 'utf8');
const record = JSON.parse(text) as Record<string, unknown>;

const pushOf = (result: RecordResult) => {
  if (result.kind !== 'push')
    throw new Error(`expected a push, got ${result.kind}: ${result.reason}`);
  return result.push;
};

const withChanges = (changes: Record<string, unknown>) => ({ ...record, ...changes });

describe('the recorded Splunk PutImage', () => {
  test('parses into the push of devsecops/cat_dog_server:latest by IAM user test', () => {
    const push = pushOf(parseTrailEvent({ EventName: 'PutImage', CloudTrailEvent: text }));
    expect(push).toEqual({
      eventId: '1aef3588-ae84-4f1f-9276-8ec94ee6a7e9',
      eventTime: new Date('2021-08-18T23:17:30Z'),
      region: 'eu-central-1',
      registryId: '111111111112',
      repository: 'devsecops/cat_dog_server',
      tag: 'latest',
      digest: 'sha256:b7798f35949cc1a2d435c9ac59ab69e857fe635a359c96e4f56a8498ce02019c',
      principal: {
        key: 'arn:aws:iam::111111111111:user/test',
        type: 'IAMUser',
        arn: 'arn:aws:iam::111111111111:user/test',
        accountId: '111111111111',
        name: 'test',
        partition: 'aws',
      },
      userName: 'test',
      sourceIp: 'AWS Internal',
      userAgent: 'AWS Internal',
    });
  });
});

describe('defensive parsing', () => {
  test.each([
    ['not JSON', '{"eventName": "PutImage",'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"PutImage"'],
    ['JSON null', 'null'],
  ])('%s is malformed', (_label, body) => {
    expect(parseTrailEvent({ EventName: 'PutImage', CloudTrailEvent: body }).kind).toBe(
      'malformed',
    );
  });

  test('no CloudTrailEvent text is malformed', () => {
    expect(parseTrailEvent({ EventName: 'PutImage' }).kind).toBe('malformed');
  });

  test.each([
    ['eventTime is a number', { eventTime: 1629328650 }],
    ['eventTime is not a time', { eventTime: 'yesterday' }],
    ['userIdentity missing', { userIdentity: undefined }],
    ['userIdentity is a string', { userIdentity: 'test' }],
    ['requestParameters is a string', { requestParameters: 'x' }],
    ['awsRegion is a number', { awsRegion: 1 }],
    ['eventID missing', { eventID: undefined }],
    [
      'no repository anywhere',
      {
        requestParameters: { registryId: '1' },
        responseElements: { image: { imageId: { imageDigest: 'sha256:x' } } },
      },
    ],
    ['eventName is not a string', { eventName: ['PutImage'] }],
  ])('%s → malformed, not a crash', (_label, changes) => {
    const result = parsePushRecord(withChanges(changes));
    expect(result.kind).toBe('malformed');
  });

  test('the envelope fills a missing id and time', () => {
    const push = pushOf(
      parsePushRecord(withChanges({ eventID: undefined, eventTime: undefined }), {
        eventId: 'from-envelope',
        eventTime: new Date('2024-01-01T00:00:00Z'),
      }),
    );
    expect(push.eventId).toBe('from-envelope');
    expect(push.eventTime.toISOString()).toBe('2024-01-01T00:00:00.000Z');
  });

  test('wrong-typed optional fields are dropped, not trusted', () => {
    const push = pushOf(
      parsePushRecord(
        withChanges({
          sourceIPAddress: 42,
          userAgent: { a: 1 },
          responseElements: { image: { imageId: { imageDigest: 7 } } },
          requestParameters: { repositoryName: 'r', registryId: '111111111112', imageTag: 3 },
        }),
      ),
    );
    expect(push.sourceIp).toBe('');
    expect(push.userAgent).toBeUndefined();
    expect(push.digest).toBeUndefined();
    expect(push.tag).toBeUndefined();
  });
});

describe('events that are not pushes are ignored, not malformed', () => {
  test.each([
    ['another event name in the envelope', { EventName: 'BatchGetImage', CloudTrailEvent: text }],
    [
      'another event name in the record',
      { CloudTrailEvent: JSON.stringify(withChanges({ eventName: 'InitiateLayerUpload' })) },
    ],
    [
      'a failed PutImage',
      {
        CloudTrailEvent: JSON.stringify(
          withChanges({ errorCode: 'ImageAlreadyExistsException', responseElements: null }),
        ),
      },
    ],
    [
      'another service',
      { CloudTrailEvent: JSON.stringify(withChanges({ eventSource: 'ecr-public.amazonaws.com' })) },
    ],
  ])('%s', (_label, event) => {
    expect(parseTrailEvent(event).kind).toBe('ignored');
  });
});

test('registry defaults to the response, then the recipient account', () => {
  const noRequestRegistry = withChanges({
    requestParameters: { repositoryName: 'r', imageTag: 'v1' },
  });
  expect(pushOf(parsePushRecord(noRequestRegistry)).registryId).toBe('111111111112');
  const neither = withChanges({
    requestParameters: { repositoryName: 'r' },
    responseElements: { image: { imageId: { imageDigest: 'sha256:abc' } } },
  });
  expect(pushOf(parsePushRecord(neither)).registryId).toBe('111111111111');
});

test('an assumed-role push gets the session issuer user name as userName', () => {
  const push = pushOf(
    parsePushRecord(
      withChanges({
        userIdentity: {
          type: 'AssumedRole',
          arn: 'arn:aws:sts::111111111112:assumed-role/ci-push/run-42',
          accountId: '111111111112',
          sessionContext: {
            sessionIssuer: {
              type: 'Role',
              arn: 'arn:aws:iam::111111111112:role/ci-push',
              userName: 'ci-push',
            },
          },
        },
      }),
    ),
  );
  expect(push.userName).toBe('ci-push');
  expect(push.principal.key).toBe('arn:aws:iam::111111111112:role/ci-push');
  expect(push.principal.sessionName).toBe('run-42');
});
