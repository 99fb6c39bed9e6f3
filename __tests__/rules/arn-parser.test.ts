// Issue 18 §4.4: ARNs are read as the SDK reads them. The pure rules layer cannot import the SDK,
// so its parser is held to the SDK's own (`parseArn` from @aws-sdk/core/client) on every input.
import { parseArn as sdkParseArn } from '@aws-sdk/core/client';
import fc from 'fast-check';
import { parseArn } from '../../src/rules/identity.js';

const sdk = (text: string) => {
  const parsed = sdkParseArn(text);
  if (!parsed) return undefined;
  return {
    partition: parsed.partition,
    service: parsed.service,
    region: parsed.region,
    account: parsed.accountId,
    // The SDK splits the resource on ':' and '/'; joined back, it is the text after the account.
    resource: text.split(':').slice(5).join(':'),
  };
};

const REAL = [
  'arn:aws:iam::123456789012:role/github-actions-ecr-push',
  'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_DevAdmin_0123456789abcdef/fake.user',
  'arn:aws:sts::123456789012:user/Mary_Major',
  'arn:aws:sts::123456789012:federated-user/Bob',
  'arn:aws-cn:iam::123456789012:role/push',
  'arn:aws-us-gov:iam::123456789012:root',
  'arn:aws:identitystore:::user/9067e6a8-0000-0000-0000-000000000000',
  'arn:aws:ecr:eu-west-1:123456789012:repository/team/api',
  'arn:aws:iam::123456789012:role/path/with:colon',
  'arn::iam::1:role/x',
  'arn:aws:::1:role/x',
  'arn:aws:iam::1:',
  'arn:aws:iam::1',
  'ARN:aws:iam::1:role/x',
  'not an arn',
  '',
];

test.each(REAL)('%j reads the same as with the SDK parser', (text) => {
  expect(parseArn(text)).toEqual(sdk(text));
});

test('any text made of ARN-like pieces reads the same as with the SDK parser', () => {
  const piece = fc.constantFrom(
    'arn',
    'aws',
    'aws-cn',
    'iam',
    'sts',
    '',
    '123456789012',
    'role/x',
    'a/b',
  );
  const text = fc.array(piece, { maxLength: 9 }).map((parts) => parts.join(':'));
  fc.assert(
    fc.property(fc.oneof(text, fc.string()), (value) => {
      expect(parseArn(value)).toEqual(sdk(value));
    }),
    { numRuns: 2000 },
  );
});
