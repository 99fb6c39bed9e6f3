// What the AWS SDK throws, classified: throttling, network, server, credentials, denial. Shared by
// the ECR and CloudTrail adapters; aws-error-text.ts turns an error into the message a user acts
// on. Errors are recognised by `name`, `code` and HTTP status, never by `instanceof`: throttling
// and AccessDenied arrive as unmodelled errors (plain ServiceException).

import { textOf } from '../text-of.js';

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

export function stringField(error: unknown, key: string): string | undefined {
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
export function systemCode(error: unknown): string | undefined {
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

export function rawMessage(error: unknown): string {
  const message = fullMessage(error) ?? textOf(error, MAX_AWS_MESSAGE_CHARS);
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

export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
