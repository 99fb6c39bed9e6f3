// `known-uploaders` matching (SPEC 1). Every entry is matched ANCHORED: against a whole ARN or a
// whole name, never a substring. `*` matches any run of characters (including `/` and `:`, as in
// IAM policy ARNs); nothing else is special.
//
// Which candidates an entry is compared with:
// - An entry starting with `arn:` is compared with the principal's ARNs: its key, its role/user
//   ARN, that ARN without its IAM path, its account root ARN and, for an assumed role, its session
//   ARN (`arn:…:sts::…:assumed-role/ROLE/SESSION`).
//   * Role ARN entry: allows every session of the role (`sessionContext.sessionIssuer.arn`),
//     IAM Identity Center permission sets included.
//   * Session ARN entry: allows that session only (globs allowed in it), never the whole role.
//     For IAM Identity Center roles (`AWSReservedSSO_*`) the session name is the person, so such an
//     entry names one person. (Before, the entry was widened to its role: issue 18 §3.1.)
//   * IAM path: users copy role ARNs from the console, which shows them without the path
//     (`arn:aws:iam::1:role/Deploy` for `arn:aws:iam::1:role/ci/Deploy`). IAM role and user names
//     are unique within an account whatever their path, so the path-less ARN still names exactly
//     one role: an entry without a path matches the role at any path. An entry WITH a path must
//     match the full ARN, path included.
//   * IAM user: CloudTrail records some users as `arn:aws:sts::ACCT:user/NAME` (AWS's own ECR
//     PutImage example, https://docs.aws.amazon.com/AmazonECR/latest/userguide/logging-using-cloudtrail.html);
//     that and `arn:aws:iam::ACCT:user/NAME` name the same user, so each is a candidate.
//   * Account root (`arn:aws:iam::123456789012:root`) means the whole account, as in an IAM
//     policy's Principal element: every principal of that account matches it.
// - Any other entry is a name: compared with the user name, the role name, the service name
//   (`ecr.amazonaws.com`), the federated/SAML/web-identity user name, and the principal's key
//   (so whatever the gate reports as `uploader` is accepted verbatim and matches).
// - A bare session name is never a name candidate: for ordinary roles it is chosen by whoever
//   assumes the role.
// - A principal CloudTrail recorded no identifier for (empty `userIdentity`) matches nothing but
//   `*`: it cannot be allow-listed by name.
import type { Principal } from '../model.js';
import { parseArn, roleNameOf, rootArn } from './identity.js';

/**
 * Anchored `*` glob match in linear time. Hand-written rather than a RegExp: `.*` runs compile
 * to a backtracking pattern, and six of them against a long role path took minutes of CPU
 * (issue 19 §3). Greedy-leftmost placement of each literal part is exact for `*`-only globs:
 * placing a part as early as possible never removes a match for the parts after it.
 */
export function globMatch(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    if (part === '') continue;
    const found = text.indexOf(part, position);
    if (found === -1 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}

/** `arn:aws:iam::1:role/a/b/Name` → `arn:aws:iam::1:role/Name`; other ARNs unchanged. */
export function withoutIamPath(arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam') return arn;
  const match = /^(role|user|group|instance-profile)\/(?:.*\/)?([^/]+)$/.exec(parsed.resource);
  if (!match) return arn;
  return `arn:${parsed.partition}:iam::${parsed.account}:${match[1] ?? ''}/${match[2] ?? ''}`;
}

/** The other spelling of an IAM user ARN: `iam::A:user/[path/]N` ⇄ `sts::A:user/N`. */
function otherUserForm(arn: string): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed?.resource.startsWith('user/')) return undefined;
  const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
  if (parsed.service === 'sts')
    return `arn:${parsed.partition}:iam::${parsed.account}:user/${name}`;
  if (parsed.service === 'iam')
    return `arn:${parsed.partition}:sts::${parsed.account}:user/${name}`;
  return undefined;
}

/** True when CloudTrail gave nothing that identifies the caller (empty `userIdentity`). */
const unidentified = (principal: Principal): boolean =>
  principal.type === 'Unknown' && !principal.arn && !principal.accountId;

function arnCandidates(principal: Principal): string[] {
  const out = new Set<string>();
  for (const value of [principal.key, principal.arn, principal.sessionArn]) {
    if (value?.startsWith('arn:')) {
      out.add(value);
      out.add(withoutIamPath(value));
      if (principal.type === 'IAMUser') {
        const other = otherUserForm(value);
        if (other) out.add(other);
      }
    }
  }
  if (principal.accountId && principal.type !== 'AWSService') {
    out.add(rootArn(principal.partition ?? 'aws', principal.accountId));
  }
  return [...out];
}

function nameCandidates(principal: Principal): string[] {
  // The key itself: whatever the gate reports as `uploader` matches verbatim (SPEC 1).
  const key = principal.key.startsWith('arn:') ? [] : [principal.key];
  switch (principal.type) {
    case 'AssumedRole': {
      const role = roleNameOf(principal);
      return role ? [role, ...key] : key;
    }
    case 'Root':
      // "root" as a name would mean every account's root user: only the root ARN names one.
      return [];
    default:
      return [principal.name, ...key];
  }
}

/**
 * The first `known-uploaders` entry that names this principal, or undefined. Blank entries and
 * surrounding whitespace are ignored.
 */
export function matchKnownUploader(
  principal: Principal,
  entries: readonly string[],
): string | undefined {
  const none = unidentified(principal);
  const arns = none ? [] : arnCandidates(principal);
  const names = none ? [] : nameCandidates(principal);
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry === '*') return raw;
    const candidates = entry.startsWith('arn:') ? arns : names;
    if (candidates.some((candidate) => globMatch(entry, candidate))) return raw;
  }
  return undefined;
}
