// One image's resolve: where it is, its deadline, how its answers are checked and its errors told.
import type { ImageDetail, ImageIdentifier } from '@aws-sdk/client-ecr';
import { UserError } from '../errors.js';
import type { ImageTarget } from '../model.js';
import { type AwsErrorContext } from './aws-errors.js';
import { translateAwsError } from './aws-error-text.js';
import type { EcrCalls } from './ecr-calls.js';
import { textOf } from '../text-of.js';

/**
 * Resolving one image normally takes one to three calls well under a second. This deadline, with
 * an abort signal on every call, stops a DescribeImages that hangs or trickles its body one byte
 * a second (the SDK's requestTimeout stops at the headers): issue 19 §3, docs/reliability.md.
 */
export const RESOLVE_TIMEOUT_MS = 60_000;

export interface Scope {
  calls: EcrCalls;
  region: string;
  repositoryName: string;
  registryId?: string;
  context: AwsErrorContext;
  signal: AbortSignal;
  timeoutMs: number;
  raw: string;
}

export interface ResolveOptions {
  timeoutMs: number;
}

export function scopeFor(
  calls: EcrCalls,
  target: ImageTarget,
  region: string,
  options: ResolveOptions,
): Scope {
  const context: AwsErrorContext = {
    service: 'ecr',
    operation: 'DescribeImages',
    region,
    repository: target.repository,
  };
  if (target.registryId) context.registryId = target.registryId;
  if (target.tag) context.imageTag = target.tag;
  if (target.digest) context.imageDigest = target.digest;
  return {
    calls,
    region,
    repositoryName: target.repository,
    ...(target.registryId ? { registryId: target.registryId } : {}),
    context,
    signal: AbortSignal.timeout(Math.max(0, options.timeoutMs)),
    timeoutMs: options.timeoutMs,
    raw: target.raw,
  };
}

/** A call error as the user should read it: the resolve deadline first, then AWS's own. */
export function failure(scope: Scope, error: unknown, context: AwsErrorContext): Error {
  if (scope.signal.aborted) {
    return new UserError(
      `Image ${scope.raw} was not gated: ECR ${context.operation} did not finish within the ` +
        `${scope.timeoutMs >= 1000 ? `${Math.round(scope.timeoutMs / 1000)} s` : `${scope.timeoutMs} ms`} allowed for resolving an image (in ${scope.region}).`,
      'aws',
    );
  }
  return translateAwsError(error, context);
}

/**
 * DescribeImages must answer for what was asked. An answer for another repository, registry or
 * digest (a proxy, a mock, a bug) is refused: gating it would vouch for an image nobody asked
 * about (issue 18 §2.5).
 */
export function checkAnswer(scope: Scope, detail: ImageDetail, id: ImageIdentifier): void {
  const problems: string[] = [];
  if (detail.repositoryName !== undefined && detail.repositoryName !== scope.repositoryName)
    problems.push(`repository '${textOf(detail.repositoryName, 256)}'`);
  if (scope.registryId && detail.registryId !== undefined && detail.registryId !== scope.registryId)
    problems.push(`registry ${textOf(detail.registryId, 64)}`);
  if (id.imageDigest && detail.imageDigest !== id.imageDigest)
    problems.push(`digest ${textOf(detail.imageDigest, 100)}`);
  if (id.imageTag && detail.imageTags && !detail.imageTags.includes(id.imageTag))
    problems.push(`an image without tag '${id.imageTag}'`);
  if (problems.length === 0) return;
  const asked = id.imageDigest ?? `tag '${id.imageTag ?? ''}'`;
  throw new UserError(
    `Image ${scope.raw} was not gated: ECR DescribeImages, asked for ${asked} in repository ` +
      `'${scope.repositoryName}', answered for ${problems.join(', ')}; the answer was refused.`,
    'aws',
  );
}

export function base(scope: Scope) {
  return {
    repositoryName: scope.repositoryName,
    ...(scope.registryId ? { registryId: scope.registryId } : {}),
  };
}

export async function describe(scope: Scope, imageIds: ImageIdentifier[]): Promise<ImageDetail[]> {
  try {
    const out = await scope.calls.describeImages(
      scope.region,
      { ...base(scope), imageIds },
      scope.signal,
    );
    return out.imageDetails ?? [];
  } catch (error) {
    throw failure(scope, error, { ...scope.context, operation: 'DescribeImages' });
  }
}
