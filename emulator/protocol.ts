import type { ServiceName } from './scenario.js';

/**
 * An error answered the awsJson1_1 way: the SDK reads `__type` (or `x-amzn-ErrorType`) into
 * `error.name` and `message` into `error.message`.
 */
export class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

const ECR_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
// The SDK sends the short form; the Smithy shape id form is accepted too because other clients
// (and AWS's own docs) use it.
const CLOUDTRAIL_PREFIXES = [
  'CloudTrail_20131101.',
  'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.',
];

export interface Target {
  service: ServiceName;
  operation: string;
}

export function parseTarget(header: string | undefined): Target | undefined {
  if (!header) return undefined;
  if (header.startsWith(ECR_PREFIX)) {
    return { service: 'ecr', operation: header.slice(ECR_PREFIX.length) };
  }
  for (const prefix of CLOUDTRAIL_PREFIXES) {
    if (header.startsWith(prefix)) {
      return { service: 'cloudtrail', operation: header.slice(prefix.length) };
    }
  }
  return undefined;
}

/** The region of the SigV4 credential scope: `Credential=AKID/20240101/eu-west-1/ecr/aws4_request`. */
export function signingAccessKey(authorization: string | undefined): string | undefined {
  return /Credential=([^/]+)\//.exec(authorization ?? '')?.[1];
}

export function signingRegion(authorization: string | undefined): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '')?.[1];
}

export function errorBody(error: AwsError): string {
  return JSON.stringify({ __type: error.type, message: error.message });
}
