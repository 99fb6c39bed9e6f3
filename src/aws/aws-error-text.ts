// Turns what the AWS SDK throws into one message a user can act on (classification in
// aws-errors.ts): what was denied and to whom, which repository or image was missing, where.
import { UserError } from '../errors.js';
import {
  type AwsErrorContext,
  type AwsService,
  awsErrorName,
  httpStatusOf,
  isAccessDenied,
  isCredentialsError,
  isNetworkError,
  isServerError,
  isThrottlingError,
  isUnreadableResponse,
  oneLine,
  rawMessage,
  stringField,
  systemCode,
} from './aws-errors.js';
import { endpointFor } from './clients.js';
import { MALFORMED_ANSWER } from './ecr-shapes.js';

/** The IAM action AWS names in a denial (`... not authorized to perform: inspector2:ListFindings ...`). */
function deniedAction(message: string): string | undefined {
  // Bounded runs: an unbounded `[a-z0-9-]+` retried from every `perform` is quadratic.
  return /perform:?\s{1,8}([a-z0-9-]{1,64}:[A-Za-z0-9*]{1,128})/.exec(message)?.[1];
}

/** The caller's account, from the principal ARN AWS prints in a denial. */
function callerAccountIn(message: string): string | undefined {
  // `[a-z-]*` unbounded would rescan to the end from every `arn:aws` (quadratic).
  return /arn:aws[a-z-]{0,16}:(?:iam|sts)::(\d{12}):/.exec(message)?.[1];
}

function serviceLabel(service: AwsService): string {
  return service === 'ecr' ? 'ECR' : 'CloudTrail';
}

/** `on repository 'x' (registry 1234, eu-west-1)`, or `in eu-west-1 (account 1234)` without one. */
function where(context: AwsErrorContext, preposition: 'on' | 'in' = 'on'): string {
  if (context.repository) {
    const place = [context.registryId ? `registry ${context.registryId}` : '', context.region];
    return `${preposition} repository '${context.repository}' (${place.filter((p) => p !== '').join(', ')})`;
  }
  return `in ${context.region}${context.registryId ? ` (account ${context.registryId})` : ''}`;
}

function imageLabel(context: AwsErrorContext): string | undefined {
  if (context.imageTag && context.imageDigest)
    return `tag '${context.imageTag}' / digest ${context.imageDigest}`;
  if (context.imageDigest) return `digest ${context.imageDigest}`;
  if (context.imageTag) return `tag '${context.imageTag}'`;
  return undefined;
}

function endpointHost(error: unknown, context: AwsErrorContext): string {
  const fromError = stringField(error, 'hostname') ?? stringField(error, 'host');
  if (fromError) return fromError;
  if (context.endpoint) return context.endpoint;
  try {
    const service = context.service === 'ecr' ? 'ECR' : 'CLOUDTRAIL';
    return endpointFor(service, context.region).host;
  } catch {
    return `the ${serviceLabel(context.service)} endpoint for ${context.region}`;
  }
}

function crossAccountCaller(context: AwsErrorContext, message: string): string | undefined {
  const caller = context.callerAccountId ?? callerAccountIn(message);
  if (!context.registryId || !caller || caller === context.registryId) return undefined;
  return caller;
}

/**
 * One actionable message for a failed AWS call: names the IAM action and the resource for
 * denials, the repository/image for not-found, the endpoint host for network failures.
 */
export function translateAwsError(error: unknown, context: AwsErrorContext): UserError {
  if (error instanceof UserError) return error;
  const name = awsErrorName(error) ?? 'Error';
  const message = oneLine(rawMessage(error));
  const action = `${context.service}:${context.operation}`;
  const said = message && message !== name ? ` AWS said: ${message}` : '';
  const fail = (text: string) => Object.assign(new UserError(text, 'aws'), { awsName: name });

  if (isCredentialsError(error)) {
    const noCredentials = name === 'CredentialsProviderError' || name === 'TokenProviderError';
    return fail(
      noCredentials
        ? `No usable AWS credentials for ${action} in ${context.region}. Configure them: ` +
            `AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or an instance role; in ` +
            `GitHub Actions, aws-actions/configure-aws-credentials with an OIDC role.${said}`
        : `AWS rejected the credentials used for ${action} in ${context.region} (${name}): they ` +
            `are expired, invalid or for another partition. Refresh them and check the system ` +
            `clock.${said}`,
    );
  }

  if (isAccessDenied(error)) {
    const denied = deniedAction(message) ?? action;
    const crossCaller = crossAccountCaller(context, message);
    if (
      crossCaller &&
      context.operation === 'DescribeImageScanFindings' &&
      denied.startsWith('inspector2:')
    ) {
      return fail(crossAccountInspectorMessage(context, crossCaller) + said);
    }
    const cross = crossCaller
      ? ` The registry belongs to account ${context.registryId ?? ''}, not to the caller's account ` +
        `${crossCaller}: the repository policy there must also allow it.`
      : '';
    return fail(
      `AWS denied ${denied} ${where(context)}. Grant it to the role this step runs as; see ` +
        `README 'IAM policy'.${cross}${said}`,
    );
  }

  switch (name) {
    case 'RepositoryNotFoundException':
      return fail(
        `Repository '${context.repository ?? '?'}' was not found in ` +
          `${context.registryId ? `registry ${context.registryId}` : "the caller's default registry"} ` +
          `(${context.region}). Check the repository name, the registry id and the region.${said}`,
      );
    case 'ImageNotFoundException':
      return fail(
        `Image ${imageLabel(context) ?? '(no tag or digest)'} was not found ${where(context, 'in')}. ` +
          `Check that the push finished and that tag/digest, repository and region are right.${said}`,
      );
    case 'ScanNotFoundException': {
      const crossCaller = crossAccountCaller(context, message);
      if (crossCaller) return fail(crossAccountInspectorMessage(context, crossCaller) + said);
      return fail(
        `No scan exists for image ${imageLabel(context) ?? ''} ${where(context, 'in')}.${said}`,
      );
    }
    case MALFORMED_ANSWER:
      return fail(
        `${serviceLabel(context.service)} answered ${action} ${where(context)} with fields of the ` +
          `wrong type (${message}), so nothing was decided from it. Retry the step; if it keeps ` +
          `happening, check what sits between this runner and AWS ` +
          `(AWS_ENDPOINT_URL_${context.service.toUpperCase()}, HTTPS_PROXY).`,
      );
    case 'ValidationException':
    case 'InvalidParameterException':
      return fail(`${serviceLabel(context.service)} refused ${action} ${where(context)}.${said}`);
    default:
      break;
  }

  if (isNetworkError(error)) {
    const code = systemCode(error) ?? name;
    return fail(
      `Could not reach ${endpointHost(error, context)} for ${action} (${code}). Check the network, ` +
        `HTTPS_PROXY/NO_PROXY, and AWS_ENDPOINT_URL_${context.service.toUpperCase()} if set.${said}`,
    );
  }
  if (isUnreadableResponse(error)) {
    return fail(
      `${serviceLabel(context.service)} answered ${action} ${where(context)} with a response that ` +
        `could not be read (${name}: ${message}), so nothing was decided from it. Retry the step; ` +
        `if it keeps happening, check what sits between this runner and AWS ` +
        `(AWS_ENDPOINT_URL_${context.service.toUpperCase()}, HTTPS_PROXY).`,
    );
  }
  if (isThrottlingError(error)) {
    return fail(
      `AWS kept throttling ${action} in ${context.region} after the SDK's retries (${name}). ` +
        `Retry the step later or lower the call rate of other jobs using this account.${said}`,
    );
  }
  if (isServerError(error)) {
    const status = httpStatusOf(error);
    return fail(
      `${serviceLabel(context.service)} returned a server error for ${action} ${where(context)}` +
        `${status ? ` (HTTP ${status})` : ''}, even after retries. Retry the step later.${said}`,
    );
  }
  return fail(`${action} failed ${where(context, 'in')}: ${name}.${said}`);
}

function crossAccountInspectorMessage(context: AwsErrorContext, caller: string): string {
  return (
    `Amazon Inspector (enhanced scanning) findings are not readable cross-account: registry ` +
    `${context.registryId ?? '?'} is not the caller's account ${caller}, so ` +
    `ecr:DescribeImageScanFindings ${where(context)} cannot return them. Run this step with a ` +
    `role in account ${context.registryId ?? '?'}.`
  );
}
