// Turns what the AWS SDK throws into one message a user can act on. Shared by the ECR and
// CloudTrail adapters. Errors are recognised by `name`, `code` and HTTP status, never by
// `instanceof`: throttling and AccessDenied arrive as unmodelled errors (plain ServiceException).
import { UserError } from '../errors.js';
import { endpointFor } from './clients.js';

export type AwsService = 'ecr' | 'cloudtrail';

/** What the failing call was about; every field that is known makes the message more precise. */
export interface AwsErrorContext {
  service: AwsService;
  /** API operation as AWS names it, e.g. `DescribeImages`, `LookupEvents`. */
  operation: string;
  region: string;
  repository?: string;
  registryId?: string;
  imageTag?: string;
  imageDigest?: string;
  /** Account of the credentials in use, when known (cross-account hints). */
  callerAccountId?: string;
  /** Endpoint host, when the caller knows it better than the default for the region. */
  endpoint?: string;
}

const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);

const SERVER_NAMES = new Set([
  'ServerException',
  'InternalFailure',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

const ACCESS_DENIED_NAMES = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'NotAuthorized',
]);

const CREDENTIAL_NAMES = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'InvalidClientTokenId',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'CredentialsProviderError',
  'TokenProviderError',
  'RequestExpired',
]);

function field(error: unknown, key: string): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  return (error as Record<string, unknown>)[key];
}

function stringField(error: unknown, key: string): string | undefined {
  const value = field(error, key);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The error's AWS name (`ThrottlingException`, `AccessDeniedException`, ...), if it has one. */
export function awsErrorName(error: unknown): string | undefined {
  return stringField(error, 'name') ?? stringField(error, 'Code') ?? stringField(error, 'code');
}

export function httpStatusOf(error: unknown): number | undefined {
  const metadata = field(error, '$metadata');
  const status = field(metadata, 'httpStatusCode');
  return typeof status === 'number' ? status : undefined;
}

/** Node's system error code (`ECONNREFUSED`, ...), also looked up inside an AggregateError. */
function systemCode(error: unknown): string | undefined {
  const own = stringField(error, 'code');
  if (own) return own;
  const inner = field(error, 'errors');
  if (Array.isArray(inner)) {
    for (const item of inner) {
      const code = stringField(item, 'code');
      if (code) return code;
    }
  }
  const cause = field(error, 'cause');
  return cause !== undefined && cause !== error ? stringField(cause, 'code') : undefined;
}

// What the SDK appends when it cannot read an answer: developer advice, not the user's business.
// Found by plain string search, not a pattern: `\s*Hint` unanchored rescans every run of spaces
// from each start, so a hostile 150,000-space message took 26 s of CPU (issue 19 §3).
const SDK_DESERIALIZATION_HINT =
  'Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object';

/** Untrusted text is cut to this many characters before any pattern runs on it. */
export const MAX_AWS_MESSAGE_CHARS = 4096;

function fullMessage(error: unknown): string | undefined {
  return error instanceof Error ? error.message : stringField(error, 'message');
}

function rawMessage(error: unknown): string {
  const message = fullMessage(error) ?? String(error);
  const at = message.lastIndexOf(SDK_DESERIALIZATION_HINT);
  let text = message;
  if (at >= 0) {
    let start = at;
    while (start > 0 && /\s/.test(message.charAt(start - 1))) start -= 1;
    let end = at + SDK_DESERIALIZATION_HINT.length;
    if (message.charAt(end) === '.') end += 1;
    text = message.slice(0, start) + message.slice(end);
  }
  return text.length > MAX_AWS_MESSAGE_CHARS ? text.slice(0, MAX_AWS_MESSAGE_CHARS) : text;
}

/**
 * The SDK could not read an answer: malformed or truncated JSON, a field of the wrong type. Says
 * nothing about the image, and the next call may read fine.
 */
export function isUnreadableResponse(error: unknown): boolean {
  const message = fullMessage(error);
  return message !== undefined && message.includes(SDK_DESERIALIZATION_HINT);
}

export function isThrottlingError(error: unknown): boolean {
  const name = awsErrorName(error);
  return (name !== undefined && THROTTLING_NAMES.has(name)) || httpStatusOf(error) === 429;
}

export function isNetworkError(error: unknown): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && TIMEOUT_NAMES.has(name)) return true;
  const code = systemCode(error);
  return code !== undefined && NETWORK_CODES.has(code);
}

export function isServerError(error: unknown): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && SERVER_NAMES.has(name)) return true;
  const status = httpStatusOf(error);
  return status !== undefined && status >= 500;
}

export function isCredentialsError(error: unknown): boolean {
  const name = awsErrorName(error);
  return name !== undefined && CREDENTIAL_NAMES.has(name);
}

export function isAccessDenied(error: unknown): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && ACCESS_DENIED_NAMES.has(name)) return true;
  return httpStatusOf(error) === 403 && !isCredentialsError(error);
}

/**
 * Worth trying again later: throttling, 5xx, timeouts and network failures. Everything else (denied,
 * not found, bad credentials, validation) will fail the same way again.
 */
export function isRetryableAwsError(error: unknown): boolean {
  if (isCredentialsError(error) || isAccessDenied(error)) return false;
  return (
    isThrottlingError(error) ||
    isServerError(error) ||
    isNetworkError(error) ||
    isUnreadableResponse(error)
  );
}

/** `ThrottlingException: Rate exceeded`, short enough for a note or a progress line. */
export function describeAwsError(error: unknown): string {
  const name = awsErrorName(error) ?? systemCode(error) ?? 'Error';
  const message = oneLine(rawMessage(error));
  return message && message !== name ? `${name}: ${message}` : name;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

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
