import { bad, ok, type Check } from './checks.js';

export const UPLOADER_EXPECTED =
  'an IAM role ARN (arn:aws:iam::123456789012:role/NAME), user ARN (arn:aws:iam::123456789012:user/NAME or arn:aws:sts::123456789012:user/NAME), federated-user ARN (arn:aws:sts::123456789012:federated-user/NAME), account root ARN (arn:aws:iam::123456789012:root), session ARN (arn:aws:sts::123456789012:assumed-role/ROLE/SESSION: that session only), or a name; * matches any characters';

const PARTITION = String.raw`(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc|\*)`;
const ACCOUNT = String.raw`(\d{12}|\*)`;
// IAM names and paths: letters, digits and +=,.@_- (paths add /); `*` is our glob. Every
// pattern below is a chain of disjoint character classes: no nested quantifier can backtrack.
const NAME = String.raw`[\w+=,.@*-]+`;
const IAM_ARN = new RegExp(
  `^arn:${PARTITION}:iam::${ACCOUNT}:(root|\\*|(?:user|role)/[\\w+=,.@*/-]+)$`,
);
// The forms CloudTrail itself records and the gate reports as `uploader` (SPEC 1): a session,
// an IAM user in its STS spelling (AWS's ECR PutImage example,
// https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html), a
// federated user (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
const STS_ARN = new RegExp(
  `^arn:${PARTITION}:sts::${ACCOUNT}:(?:assumed-role/${NAME}/${NAME}|(?:user|federated-user)/${NAME})$`,
);
// IAM Identity Center users, as the gate reports them (`arn:aws:identitystore:::user/<id>`).
const IDENTITY_STORE_ARN = new RegExp(`^arn:${PARTITION}:identitystore:::user/${NAME}$`);
// Names, and the non-ARN keys the gate reports (SAML / web-identity principal ids hold `:`).
const PLAIN_NAME = /^[\w+=,.@*:-]+$/;

/**
 * Validates one `known-uploaders` entry and returns it unchanged: a session ARN stays a session
 * ARN (it allows that session only; issue 18 §3.1: it used to be widened to its role, which for
 * IAM Identity Center roles let every person of the permission set in).
 */
export function checkUploader(text: string): Check<string> {
  const entry = text.trim();
  if (entry === '') return bad(UPLOADER_EXPECTED, 'it is empty');
  if (/\s/.test(entry)) return bad(UPLOADER_EXPECTED, 'it contains spaces; give one per line');
  if (entry.startsWith('arn:')) {
    if (IAM_ARN.test(entry)) {
      if (entry.endsWith('/')) {
        return bad(UPLOADER_EXPECTED, 'the ARN ends with "/"');
      }
      return ok(entry);
    }
    if (STS_ARN.test(entry) || IDENTITY_STORE_ARN.test(entry)) return ok(entry);
    const service = /^arn:[^:]*:([^:]*):/.exec(entry)?.[1];
    const problem =
      service !== undefined && service !== 'iam' && service !== 'sts'
        ? `a ${service} ARN is not a principal`
        : 'not a role, user, federated-user, root or session ARN (12-digit account, no region)';
    return bad(UPLOADER_EXPECTED, problem);
  }
  if (!PLAIN_NAME.test(entry)) return bad(UPLOADER_EXPECTED, 'not an IAM name or ARN');
  return ok(entry);
}
