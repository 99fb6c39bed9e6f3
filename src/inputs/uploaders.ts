import { bad, ok, type Check } from './checks.js';

export const UPLOADER_EXPECTED =
  'an IAM role ARN (arn:aws:iam::123456789012:role/NAME), user ARN (arn:aws:iam::123456789012:user/NAME), account root ARN (arn:aws:iam::123456789012:root), assumed-role ARN, or a name; * matches any characters';

const PARTITION = String.raw`(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-[a-z]|aws-eusc|\*)`;
const ACCOUNT = String.raw`(\d{12}|\*)`;
// IAM names and paths: letters, digits and +=,.@_- (paths add /); `*` is our glob.
const NAME = String.raw`[\w+=,.@*-]+`;
const IAM_ARN = new RegExp(
  `^arn:${PARTITION}:iam::${ACCOUNT}:(root|\\*|(?:user|role)/[\\w+=,.@*/-]+)$`,
);
const STS_ARN = new RegExp(`^arn:${PARTITION}:sts::${ACCOUNT}:assumed-role/(${NAME})/(${NAME})$`);
const PLAIN_NAME = new RegExp(`^${NAME}$`);

/**
 * Validates one `known-uploaders` entry and returns what the rules match on. An assumed-role ARN
 * becomes its role ARN: the session name changes every run, so matching on it would never hold.
 * (A role with a path must be written as its role ARN; the assumed-role ARN does not carry it.)
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
    const sts = STS_ARN.exec(entry);
    if (sts) {
      const [, partition, account, role] = sts;
      return ok(`arn:${partition ?? 'aws'}:iam::${account ?? '*'}:role/${role ?? '*'}`);
    }
    const service = /^arn:[^:]*:([^:]*):/.exec(entry)?.[1];
    const problem =
      service !== undefined && service !== 'iam' && service !== 'sts'
        ? `a ${service} ARN is not a principal`
        : 'not a role, user, root or assumed-role ARN (12-digit account, no region)';
    return bad(UPLOADER_EXPECTED, problem);
  }
  if (!PLAIN_NAME.test(entry)) return bad(UPLOADER_EXPECTED, 'not an IAM name or ARN');
  return ok(entry);
}
