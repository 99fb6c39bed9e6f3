// The stable principal behind a CloudTrail `userIdentity` (SPEC 6). Pure and total: whatever the
// record holds, a Principal comes out; nothing here throws on odd input. The source IP is never
// used: docker pushes record it as "AWS Internal".
import type { Principal, PrincipalType } from '../model.js';

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  /** As written: not checked to be 12 digits (recorded data holds odd ones). */
  account: string;
  resource: string;
}

/**
 * Splits an ARN into its six parts; undefined when it is not one. The same rules as the SDK's
 * own parser (`parseArn` in `@aws-sdk/core/client`, util-endpoints/lib/aws/parseArn.js): `arn`,
 * non-empty partition and service, a non-empty resource that may hold `:`. Not imported: this
 * layer is pure (no SDK imports), so a test holds the two to the same answers on every input.
 */
export function parseArn(arn: string): ParsedArn | undefined {
  const segments = arn.split(':');
  if (segments.length < 6) return undefined;
  const [prefix, partition = '', service = '', region = '', account = '', ...rest] = segments;
  const resource = rest.join(':');
  if (prefix !== 'arn' || partition === '' || service === '' || resource === '') return undefined;
  return { partition, service, region, account, resource };
}

/** `aws`, `aws-cn`, `aws-us-gov`, ... for a region name. */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  // European Sovereign Cloud: partition aws-eusc in the SDK's partitions data (aws/partitions.ts).
  if (region.startsWith('eusc-')) return 'aws-eusc';
  return 'aws';
}

/** Roles that IAM Identity Center (SSO) creates for permission sets. */
const SSO_ROLE_PREFIX = 'AWSReservedSSO_';

export const isSsoRoleName = (name: string): boolean => name.startsWith(SSO_ROLE_PREFIX);

export const rootArn = (partition: string, account: string): string =>
  `arn:${partition}:iam::${account}:root`;

/** Reported as the uploader when CloudTrail recorded no identity at all. */
export const NO_IDENTITY = 'no identity recorded (empty userIdentity)';

type Json = Readonly<Record<string, unknown>>;

const asObject = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;

const asString = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

/** Last `/`-separated segment of an ARN's resource part (`role/path/Name` → `Name`). */
const lastSegment = (resource: string): string => resource.slice(resource.lastIndexOf('/') + 1);

export interface IdentityContext {
  /** Partition to use when the identity carries no ARN (AWSAccount, Root without arn). */
  partition?: string;
}

/**
 * The stable principal of a `userIdentity` element:
 * - AssumedRole: the role (`sessionContext.sessionIssuer.arn`, path kept); the session name is
 *   kept for display only, since it changes per run. IAM Identity Center roles
 *   (`AWSReservedSSO_*`) are the exception: there the session name is the person, so the key is
 *   the session's `arn:…:sts::…:assumed-role/<role>/<person>` and each person has their own.
 * - IAMUser: the user ARN. Root and AWSAccount: `arn:<partition>:iam::<account>:root`.
 * - AWSService: no ARN, the service name (`invokedBy`).
 * - FederatedUser: the federated-user ARN. IdentityCenterUser: `arn:…:identitystore:::user/<id>`.
 * - SAMLUser / WebIdentityUser: `principalId` (provider + subject).
 * - Anything else: type `Unknown`, keyed by whatever identifier the record has.
 */
export function principalFromIdentity(identity: unknown, context: IdentityContext = {}): Principal {
  const id = asObject(identity) ?? {};
  const type = asString(id.type);
  const arn = asString(id.arn);
  const parsed = arn ? parseArn(arn) : undefined;
  const partition = parsed?.partition ?? context.partition ?? 'aws';
  const accountId = asString(id.accountId) ?? (parsed?.account || undefined);
  const userName = asString(id.userName);
  const principalId = asString(id.principalId);
  const invokedBy = asString(id.invokedBy);
  const base = { partition, ...(accountId ? { accountId } : {}) };
  const make = (
    kind: PrincipalType,
    key: string,
    name: string,
    extra: Partial<Principal> = {},
  ): Principal => ({ key, type: kind, name, ...base, ...extra });

  switch (type) {
    case 'IAMUser': {
      const key =
        arn ?? (accountId && userName ? `arn:${partition}:iam::${accountId}:user/${userName}` : '');
      const name = userName ?? (parsed ? lastSegment(parsed.resource) : (principalId ?? 'unknown'));
      return make('IAMUser', key || principalId || name, name, key ? { arn: key } : {});
    }
    case 'AssumedRole':
      return assumedRole(id, arn, parsed, partition, accountId, principalId, make);
    case 'Root': {
      const account = accountId ?? '';
      const key = account ? rootArn(partition, account) : (arn ?? principalId ?? 'root');
      return make('Root', key, 'root', key.startsWith('arn:') ? { arn: key } : {});
    }
    case 'FederatedUser': {
      const name = parsed ? lastSegment(parsed.resource) : (principalId ?? 'federated-user');
      const key = arn ?? principalId ?? name;
      return make('FederatedUser', key, name, arn ? { arn } : {});
    }
    case 'AWSService': {
      const service = invokedBy ?? principalId ?? 'AWSService';
      return make('AWSService', service, service);
    }
    case 'AWSAccount': {
      if (accountId) {
        const key = rootArn(partition, accountId);
        return make('AWSAccount', key, accountId, { arn: key });
      }
      const key = principalId ?? invokedBy ?? 'AWSAccount';
      return make('AWSAccount', key, key);
    }
    case 'IdentityCenterUser': {
      const onBehalfOf = asObject(id.onBehalfOf) ?? {};
      const userId = asString(onBehalfOf.userId);
      const store = asString(onBehalfOf.identityStoreArn);
      const storePartition = store ? parseArn(store)?.partition : undefined;
      if (userId) {
        const key = `arn:${storePartition ?? partition}:identitystore:::user/${userId}`;
        return make('IdentityCenterUser', key, userId);
      }
      const key = principalId ?? store ?? 'IdentityCenterUser';
      return make('IdentityCenterUser', key, key);
    }
    case 'SAMLUser':
    case 'WebIdentityUser': {
      const provider = asString(id.identityProvider);
      const name = userName ?? principalId ?? provider ?? type;
      const key = principalId ?? (provider ? `${provider}:${name}` : name);
      return make(type, key, name);
    }
    default: {
      // An empty `userIdentity` is named as what it is, not as a made-up type (issue 18 §3.5).
      const key =
        arn ?? principalId ?? invokedBy ?? userName ?? (type ? `unknown:${type}` : NO_IDENTITY);
      const name = userName ?? (parsed ? lastSegment(parsed.resource) : key);
      return make('Unknown', key, name, arn ? { arn } : {});
    }
  }
}

function assumedRole(
  id: Json,
  arn: string | undefined,
  parsed: ParsedArn | undefined,
  partition: string,
  accountId: string | undefined,
  principalId: string | undefined,
  make: (kind: PrincipalType, key: string, name: string, extra?: Partial<Principal>) => Principal,
): Principal {
  const issuer = asObject(asObject(id.sessionContext)?.sessionIssuer) ?? {};
  // `assumed-role/<role>/<session>`: the session name cannot contain '/', the role name neither.
  const [, stsRole, ...sessionParts] = parsed?.resource.split('/') ?? [];
  const sessionName =
    (sessionParts.length > 0 ? sessionParts.join('/') : undefined) ||
    (principalId?.includes(':') ? principalId.slice(principalId.indexOf(':') + 1) : undefined);
  const issuerArn = asString(issuer.arn);
  const issuerParsed = issuerArn ? parseArn(issuerArn) : undefined;
  const roleName =
    asString(issuer.userName) ??
    (issuerParsed ? lastSegment(issuerParsed.resource) : undefined) ??
    stsRole ??
    'unknown-role';
  const account = asString(issuer.accountId) ?? accountId;
  // Without a session issuer the role's path is unknown; matching tolerates a missing path.
  const roleArn =
    issuerArn ?? (account ? `arn:${partition}:iam::${account}:role/${roleName}` : undefined);
  const sessionArn =
    parsed?.service === 'sts' && parsed.resource.startsWith('assumed-role/')
      ? arn
      : account && sessionName
        ? `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`
        : undefined;
  const display = {
    ...(sessionName ? { sessionName } : {}),
    ...(sessionArn ? { sessionArn } : {}),
  };
  if (isSsoRoleName(roleName) && sessionName) {
    const key =
      arn ??
      (account
        ? `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`
        : `${roleName}/${sessionName}`);
    return make('AssumedRole', key, `${roleName}/${sessionName}`, {
      ...display,
      ...(roleArn ? { arn: roleArn } : {}),
    });
  }
  const key = roleArn ?? principalId?.split(':')[0] ?? roleName;
  return make('AssumedRole', key, roleName, { ...display, ...(roleArn ? { arn: roleArn } : {}) });
}

/** The role name of an AssumedRole principal (for SSO principals `name` also holds the person). */
export function roleNameOf(principal: Principal): string | undefined {
  if (principal.type !== 'AssumedRole') return undefined;
  const parsed = principal.arn ? parseArn(principal.arn) : undefined;
  if (parsed && parsed.resource.startsWith('role/')) return lastSegment(parsed.resource);
  return principal.name.split('/')[0];
}
