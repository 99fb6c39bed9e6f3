import { ECRClient } from '@aws-sdk/client-ecr';
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { TOOL_NAME, VERSION } from '../version.js';
import { regionPartition } from './partitions.js';

/** Options shared by every AWS client the gate builds. */
export interface ClientOptions {
  region: string;
  /** Named profile (CLI `--profile`); otherwise the default credential chain. */
  profile?: string;
  /** Attempts per call including the first; the SDK backs off with jitter between them. */
  maxAttempts?: number;
  /** FIPS endpoints (the image was named by a `dkr.ecr-fips` host). */
  fips?: boolean;
}

// Bounded so a black-holed connection cannot hang the step; retries are the SDK's own.
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

const customEndpoint = (service: 'ECR' | 'CLOUDTRAIL', env = process.env): string | undefined =>
  env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;

/**
 * The endpoint the SDK will call, resolved the way SDK v3 does for its endpoint env vars, so the
 * proxy decision (HTTPS_PROXY / NO_PROXY) is made for the host actually reached.
 */
export function endpointFor(
  service: 'ECR' | 'CLOUDTRAIL',
  region: string,
  env = process.env,
  fips = false,
): URL {
  const configured = customEndpoint(service, env);
  if (configured) return new URL(configured);
  // Host names as in the ECR and CloudTrail endpoint tables
  // (https://docs.aws.amazon.com/general/latest/gr/ecr.html, .../ct.html): ecr-fips / cloudtrail-fips.
  const host =
    service === 'ECR' ? (fips ? 'ecr-fips' : 'api.ecr') : fips ? 'cloudtrail-fips' : 'cloudtrail';
  const suffix = regionPartition(region)?.dnsSuffix ?? 'amazonaws.com';
  return new URL(`https://${host}.${region}.${suffix}`);
}

function requestHandler(endpoint: URL): NodeHttpHandler {
  const proxy = getProxyUrl(endpoint);
  const agent = proxy ? new HttpsProxyAgent(proxy.href) : undefined;
  return new NodeHttpHandler({
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Without it the handler only logs a warning and a black-holed request never ends.
    throwOnRequestTimeout: true,
    ...(agent ? { httpsAgent: agent, httpAgent: agent } : {}),
  });
}

export function common(options: ClientOptions, service: 'ECR' | 'CLOUDTRAIL', endpoint: URL) {
  return {
    region: options.region,
    customUserAgent: `${TOOL_NAME}/${VERSION}`,
    maxAttempts: options.maxAttempts ?? 6,
    // The SDK's own switch: its endpoint rules pick the service's FIPS host for the region. Not
    // with an endpoint set by AWS_ENDPOINT_URL_*: the rules refuse "FIPS and custom endpoint".
    ...(options.fips === true && !customEndpoint(service) ? { useFipsEndpoint: true } : {}),
    retryMode: 'adaptive',
    requestHandler: requestHandler(endpoint),
    ...(options.profile ? { profile: options.profile } : {}),
  };
}

/**
 * The SDK's logger middleware copies every response through its sensitive-data filter before it
 * hands it to the logger, even to the default no-op one: for 20,000 findings that is ~200 ms of CPU
 * and a second copy of every page (bench/README.md). The gate never logs SDK responses.
 */
export function withoutResponseLogging<
  T extends { middlewareStack: { remove(name: string): boolean } },
>(client: T): T {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

export function ecrClient(options: ClientOptions): ECRClient {
  return withoutResponseLogging(
    new ECRClient(
      common(options, 'ECR', endpointFor('ECR', options.region, process.env, options.fips)),
    ),
  );
}
