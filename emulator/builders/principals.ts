import type { UserIdentity } from '../scenario.js';
import { accessKeyOf, hex } from './random.js';

/** `userIdentity` blocks as CloudTrail records them, for the principals that push images. */

export function iamUser(accountId: string, userName: string): UserIdentity {
  return {
    type: 'IAMUser',
    principalId: `AIDA${hex(`${accountId}/${userName}`, 17).toUpperCase()}`,
    arn: `arn:aws:iam::${accountId}:user/${userName}`,
    accountId,
    accessKeyId: accessKeyOf('AKIA', `${accountId}/${userName}`),
    userName,
  };
}

export interface RoleOptions {
  /** IAM path of the role, e.g. `/service-role/`. Default `/`. */
  path?: string;
  /** Session issued through a web identity (GitHub Actions OIDC). */
  webIdentityProvider?: string;
  creationDate?: string;
}

/**
 * A role session. CloudTrail's `arn` carries the session name, which changes per run; the stable
 * principal is `sessionContext.sessionIssuer.arn`.
 */
export function assumedRole(
  accountId: string,
  roleName: string,
  sessionName: string,
  options: RoleOptions = {},
): UserIdentity {
  const roleId = `AROA${hex(`${accountId}/${roleName}`, 17).toUpperCase()}`;
  const path = options.path ?? '/';
  return {
    type: 'AssumedRole',
    principalId: `${roleId}:${sessionName}`,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    accountId,
    accessKeyId: accessKeyOf('ASIA', `${accountId}/${roleName}/${sessionName}`),
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: roleId,
        arn: `arn:aws:iam::${accountId}:role${path}${roleName}`,
        accountId,
        userName: roleName,
      },
      webIdFederationData: options.webIdentityProvider
        ? { federatedProvider: options.webIdentityProvider, attributes: {} }
        : {},
      attributes: {
        creationDate: options.creationDate ?? '2024-01-01T00:00:00Z',
        mfaAuthenticated: 'false',
      },
    },
  };
}

/** The role a GitHub Actions run assumes through OIDC; one session name per run. */
export function githubActionsRole(
  accountId: string,
  roleName: string,
  runId: string | number,
): UserIdentity {
  return assumedRole(accountId, roleName, `GitHubActions-${runId}`, {
    webIdentityProvider: `arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`,
  });
}

/** An IAM Identity Center user: role `AWSReservedSSO_<set>_<suffix>` under /aws-reserved/sso.amazonaws.com/. */
export function ssoRole(
  accountId: string,
  permissionSet: string,
  userEmail: string,
  region?: string,
): UserIdentity {
  const roleName = `AWSReservedSSO_${permissionSet}_${hex(`${accountId}/${permissionSet}`, 16)}`;
  const path = `/aws-reserved/sso.amazonaws.com/${region ? `${region}/` : ''}`;
  return assumedRole(accountId, roleName, userEmail, { path });
}

export function rootUser(accountId: string): UserIdentity {
  return {
    type: 'Root',
    principalId: accountId,
    arn: `arn:aws:iam::${accountId}:root`,
    accountId,
    accessKeyId: accessKeyOf('ASIA', `${accountId}/root`),
  };
}

/** The stable principal of an identity: the role ARN for sessions, the ARN otherwise. */
export function principalArn(identity: UserIdentity): string | undefined {
  return identity.type === 'AssumedRole'
    ? identity.sessionContext?.sessionIssuer?.arn
    : identity.arn;
}
