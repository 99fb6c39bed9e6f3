import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ECRClient } from '@aws-sdk/client-ecr';
import { getProxyUrl } from '@actions/http-client/lib/proxy';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { TOOL_NAME, VERSION } from '../version.js';

/** Options shared by every AWS client the gate builds. */
export interface ClientOptions {
  region: string;
  /** Named profile (CLI `--profile`); otherwise the default credential chain. */
  profile?: string;
  /** Attempts per call including the first; the SDK backs off with jitter between them. */
  maxAttempts?: number;
}

// Bounded so a black-holed connection cannot hang the step; retries are the SDK's own.
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The endpoint the SDK will call, resolved the way SDK v3 does for its endpoint env vars, so the
 * proxy decision (HTTPS_PROXY / NO_PROXY) is made for the host actually reached.
 */
export function endpointFor(service: 'ECR' | 'CLOUDTRAIL', region: string, env = process.env): URL {
  const configured = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
  if (configured) return new URL(configured);
  const host = service === 'ECR' ? 'api.ecr' : 'cloudtrail';
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
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

function common(options: ClientOptions, endpoint: URL) {
  return {
    region: options.region,
    customUserAgent: `${TOOL_NAME}/${VERSION}`,
    maxAttempts: options.maxAttempts ?? 6,
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
function withoutResponseLogging<T extends ECRClient | CloudTrailClient>(client: T): T {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}

export function ecrClient(options: ClientOptions): ECRClient {
  return withoutResponseLogging(new ECRClient(common(options, endpointFor('ECR', options.region))));
}

export function cloudTrailClient(options: ClientOptions): CloudTrailClient {
  return withoutResponseLogging(
    new CloudTrailClient(common(options, endpointFor('CLOUDTRAIL', options.region))),
  );
}
