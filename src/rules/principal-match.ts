// `known-uploaders` matching (SPEC 1). Every entry is matched ANCHORED: against a whole ARN or a
// whole name, never a substring. `*` matches any run of characters (including `/` and `:`, as in
// IAM policy ARNs); nothing else is special.
//
// Which candidates an entry is compared with:
// - An entry starting with `arn:` is compared with the principal's ARNs: its key, its role/user
//   ARN, that ARN without its IAM path, and its account root ARN.
//   * IAM path: users copy role ARNs from the console, which shows them without the path
//     (`arn:aws:iam::1:role/Deploy` for `arn:aws:iam::1:role/ci/Deploy`). IAM role and user names
//     are unique within an account whatever their path, so the path-less ARN still names exactly
//     one role: an entry without a path matches the role at any path. An entry WITH a path must
//     match the full ARN, path included.
//   * Account root (`arn:aws:iam::123456789012:root`) means the whole account, as in an IAM
//     policy's Principal element: every principal of that account matches it.
// - Any other entry is a name: compared with the user name, the role name, the service name
//   (`ecr.amazonaws.com`), the federated/SAML/web-identity user name.
// - A session name is never a candidate: for ordinary roles it changes per run and is chosen by
//   whoever assumes the role. (For IAM Identity Center roles the session is the person; their key
//   `arn:…:sts::…:assumed-role/AWSReservedSSO_…/<person>` is an ARN candidate, so a per-person
//   entry must be written as that ARN.)
import type { Principal } from '../model.js';
import { parseArn, roleNameOf, rootArn } from './identity.js';

const compiled = new Map<string, RegExp>();

/** `*` glob → anchored regular expression; every other character is literal. */
export function globToRegExp(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regex = new RegExp(`^${body}$`, 's');
    compiled.set(pattern, regex);
  }
  return regex;
}

/** `arn:aws:iam::1:role/a/b/Name` → `arn:aws:iam::1:role/Name`; other ARNs unchanged. */
export function withoutIamPath(arn: string): string {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam') return arn;
  const match = /^(role|user|group|instance-profile)\/(?:.*\/)?([^/]+)$/.exec(parsed.resource);
  if (!match) return arn;
  return `arn:${parsed.partition}:iam::${parsed.account}:${match[1] ?? ''}/${match[2] ?? ''}`;
}

function arnCandidates(principal: Principal): string[] {
  const out = new Set<string>();
  for (const value of [principal.key, principal.arn]) {
    if (value?.startsWith('arn:')) {
      out.add(value);
      out.add(withoutIamPath(value));
    }
  }
  if (principal.accountId && principal.type !== 'AWSService') {
    out.add(rootArn(principal.partition ?? 'aws', principal.accountId));
  }
  return [...out];
}

function nameCandidates(principal: Principal): string[] {
  switch (principal.type) {
    case 'AssumedRole': {
      const role = roleNameOf(principal);
      return role ? [role] : [];
    }
    case 'Root':
      // "root" as a name would mean every account's root user: only the root ARN names one.
      return [];
    case 'AWSService':
      return [principal.key];
    default:
      return [principal.name];
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
  const arns = arnCandidates(principal);
  const names = nameCandidates(principal);
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const regex = globToRegExp(entry);
    const candidates = entry.startsWith('arn:') ? arns : names;
    if (candidates.some((candidate) => regex.test(candidate))) return raw;
  }
  return undefined;
}
