import type { CompiledImage, CompiledRepository, CompiledScenario } from './compile.js';
import { rawArray, toJson } from './json.js';
import {
  imageIdOf,
  optionalInt,
  optionalString,
  requiredString,
  showImageId,
  type ImageId,
  type Params,
} from './params.js';
import { AwsError } from './protocol.js';
import {
  countSeverities,
  registryScanningConfiguration,
  scanStateAt,
  type ScanState,
} from './scan.js';
import { bindingOf, decodeToken, encodeToken } from './token.js';

const INVALID = 'InvalidParameterException';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Inspector-backed (enhanced) pages never hold more than this, whatever maxResults asks. */
const ENHANCED_PAGE = 100;

/** What ECR remembers between calls: when StartImageScan last succeeded, per image. */
export interface EcrState {
  compiled: CompiledScenario;
  manualStarts: Map<string, number>;
}

function repositoryOf(params: Params, state: EcrState): CompiledRepository {
  const name = requiredString(params, 'repositoryName', INVALID);
  const registryId = optionalString(params, 'registryId', INVALID) ?? state.compiled.accountId;
  const repository = state.compiled.repositories.get(`${registryId}/${name}`);
  if (!repository) {
    throw new AwsError(
      'RepositoryNotFoundException',
      `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
    );
  }
  return repository;
}

function findImage(repository: CompiledRepository, id: ImageId): CompiledImage | undefined {
  const byDigest =
    id.imageDigest === undefined ? undefined : repository.byDigest.get(id.imageDigest);
  const byTag = id.imageTag === undefined ? undefined : repository.byTag.get(id.imageTag);
  if (id.imageDigest !== undefined && id.imageTag !== undefined) {
    return byDigest === byTag ? byDigest : undefined;
  }
  return byDigest ?? byTag;
}

function requireImage(repository: CompiledRepository, id: ImageId): CompiledImage {
  const image = findImage(repository, id);
  if (!image) {
    throw new AwsError(
      'ImageNotFoundException',
      `The image with imageId ${showImageId(id)} does not exist within the repository with name '${repository.name}' in the registry with id '${repository.registryId}'`,
    );
  }
  return image;
}

function stateOf(image: CompiledImage, state: EcrState, nowMs: number): ScanState {
  return scanStateAt(
    image.scan,
    state.compiled.startedAtMs,
    state.manualStarts.get(image.key),
    nowMs,
  );
}

function findingsMeta(image: CompiledImage, scan: ScanState): Record<string, unknown> {
  const completedAt = scan.completedAt ?? image.pushedAt;
  return {
    imageScanCompletedAt: completedAt,
    vulnerabilitySourceUpdatedAt: image.scan.vulnerabilitySourceUpdatedAt ?? completedAt - 3600,
  };
}

function imageDetail(image: CompiledImage, state: EcrState, nowMs: number) {
  const scan = stateOf(image, state, nowMs);
  return {
    registryId: image.registryId,
    repositoryName: image.repository,
    imageDigest: image.digest,
    imageTags: image.tags.length > 0 ? image.tags : undefined,
    imageSizeInBytes: image.sizeInBytes,
    imagePushedAt: image.pushedAt,
    imageManifestMediaType: image.manifestMediaType,
    artifactMediaType: image.artifactMediaType,
    imageScanStatus:
      scan.status === 'NOT_FOUND'
        ? undefined
        : { status: scan.status, description: scan.description },
    imageScanFindingsSummary: scan.findingsVisible
      ? { ...findingsMeta(image, scan), findingSeverityCounts: image.scan.wholeCounts }
      : undefined,
  };
}

function describeImages(params: Params, state: EcrState, nowMs: number): string {
  const repository = repositoryOf(params, state);
  const ids = params['imageIds'];
  if (Array.isArray(ids)) {
    const images = ids.map((id, i) =>
      requireImage(repository, imageIdOf(id, `imageIds[${i}]`, INVALID)),
    );
    return toJson({ imageDetails: images.map((image) => imageDetail(image, state, nowMs)) });
  }
  const maxResults = optionalInt(params, 'maxResults', 1, 1000, INVALID) ?? 100;
  const filter = params['filter'];
  const tagStatus =
    typeof filter === 'object' && filter !== null
      ? (filter as Record<string, unknown>)['tagStatus']
      : undefined;
  const listed = repository.images.filter((image) =>
    tagStatus === 'TAGGED'
      ? image.tags.length > 0
      : tagStatus === 'UNTAGGED'
        ? image.tags.length === 0
        : true,
  );
  const binding = bindingOf(['DescribeImages', repository.registryId, repository.name, tagStatus]);
  const from = pageStart(params, binding);
  const page = listed.slice(from, from + maxResults);
  const next =
    from + page.length < listed.length ? encodeToken(binding, from + page.length) : undefined;
  return toJson({
    imageDetails: page.map((image) => imageDetail(image, state, nowMs)),
    nextToken: next,
  });
}

function pageStart(params: Params, binding: string): number {
  const token = optionalString(params, 'nextToken', INVALID);
  if (token === undefined) return 0;
  const position = decodeToken(token, binding);
  if (position === undefined)
    throw new AwsError(
      INVALID,
      'Invalid parameter at nextToken: the token is not valid for this request.',
    );
  return position;
}

function describeImageScanFindings(params: Params, state: EcrState, nowMs: number): string {
  const repository = repositoryOf(params, state);
  const id = imageIdOf(params['imageId'], 'imageId', INVALID);
  const image = requireImage(repository, id);
  const maxResults = optionalInt(params, 'maxResults', 1, 1000, INVALID);
  const scan = stateOf(image, state, nowMs);
  if (scan.status === 'NOT_FOUND') {
    throw new AwsError(
      'ScanNotFoundException',
      `Image scan does not exist for the image with '${showImageId(id)}' in the repository with name '${repository.name}' in the registry with id '${repository.registryId}'`,
    );
  }
  const compiled = image.scan;
  const binding = bindingOf(['DescribeImageScanFindings', image.key]);
  const from = pageStart(params, binding);
  const head = {
    registryId: repository.registryId,
    repositoryName: repository.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageScanStatus: { status: scan.status, description: scan.description },
  };
  if (scan.status !== 'COMPLETE' && scan.status !== 'ACTIVE') return toJson(head);
  if (!scan.findingsVisible) {
    // What ECR really sent for an enhanced scan before Inspector's findings existed: COMPLETE
    // with only `{"findings": []}`, the basic key (https://github.com/aws/aws-sdk/issues/289;
    // ../shared/data/realworld/ecr-scan-responses.json `aws-sdk-289-complete-before-findings`).
    return toJson({
      ...head,
      imageScanFindings: { ...findingsMeta(image, scan), findings: rawArray([]) },
    });
  }
  const asked = maxResults ?? 100;
  const size = compiled.type === 'ENHANCED' ? Math.min(asked, ENHANCED_PAGE) : asked;
  const to = Math.min(from + size, compiled.findings.length);
  const counts =
    compiled.countsMode === 'whole'
      ? compiled.wholeCounts
      : compiled.countsMode === 'per-page'
        ? countSeverities(compiled, from, to)
        : undefined;
  return toJson({
    ...head,
    imageScanFindings: {
      ...findingsMeta(image, scan),
      findingSeverityCounts: counts,
      [compiled.findingsKey]: rawArray(compiled.findings.slice(from, to)),
    },
    nextToken: to < compiled.findings.length ? encodeToken(binding, to) : undefined,
  });
}

function batchGetImage(params: Params, state: EcrState): string {
  const repository = repositoryOf(params, state);
  const ids = params['imageIds'];
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 100) {
    throw new AwsError(INVALID, 'imageIds must list between 1 and 100 image ids.');
  }
  const images: unknown[] = [];
  const failures: unknown[] = [];
  ids.forEach((raw, i) => {
    const id = imageIdOf(raw, `imageIds[${i}]`, INVALID);
    if (id.imageDigest === undefined && id.imageTag === undefined) {
      failures.push({
        imageId: id,
        failureCode: 'MissingDigestAndTag',
        failureReason: 'Missing digest and tag',
      });
      return;
    }
    const image = findImage(repository, id);
    if (!image) {
      failures.push({
        imageId: id,
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      });
      return;
    }
    images.push({
      registryId: repository.registryId,
      repositoryName: repository.name,
      imageId: { imageDigest: image.digest, imageTag: id.imageTag },
      imageManifest: image.manifest,
      imageManifestMediaType: image.manifestMediaType,
    });
  });
  return toJson({ images, failures });
}

function startImageScan(params: Params, state: EcrState, nowMs: number): string {
  const repository = repositoryOf(params, state);
  const id = imageIdOf(params['imageId'], 'imageId', INVALID);
  const image = requireImage(repository, id);
  if (repository.scanType === 'ENHANCED') {
    throw new AwsError(
      'ValidationException',
      'This feature is disabled. Image scanning on demand is not supported when the registry scan type is ENHANCED.',
    );
  }
  // The daily quota counts the scan on push too: an image scanned in the last 24 h is refused.
  const lastStart = state.manualStarts.get(image.key);
  const scannedOnPush =
    lastStart === undefined &&
    stateOf(image, state, nowMs).status !== 'NOT_FOUND' &&
    nowMs - image.pushedAt * 1000 < DAY_MS;
  if ((lastStart !== undefined && nowMs - lastStart < DAY_MS) || scannedOnPush) {
    throw new AwsError(
      'LimitExceededException',
      'The scan quota per image has been exceeded. Wait and try again.',
    );
  }
  state.manualStarts.set(image.key, nowMs);
  const scan = stateOf(image, state, nowMs);
  return toJson({
    registryId: repository.registryId,
    repositoryName: repository.name,
    imageId: { imageDigest: image.digest, imageTag: id.imageTag },
    imageScanStatus:
      scan.status === 'NOT_FOUND'
        ? { status: 'PENDING', description: 'The scan is pending.' }
        : { status: scan.status, description: scan.description },
  });
}

export const ECR_OPERATIONS = [
  'DescribeImages',
  'DescribeImageScanFindings',
  'BatchGetImage',
  'StartImageScan',
  'GetRegistryScanningConfiguration',
] as const;

/** Answers one ECR call with the response body, or throws {@link AwsError}. */
export function handleEcr(
  operation: string,
  params: Params,
  state: EcrState,
  nowMs: number,
): string {
  switch (operation) {
    case 'DescribeImages':
      return describeImages(params, state, nowMs);
    case 'DescribeImageScanFindings':
      return describeImageScanFindings(params, state, nowMs);
    case 'BatchGetImage':
      return batchGetImage(params, state);
    case 'StartImageScan':
      return startImageScan(params, state, nowMs);
    case 'GetRegistryScanningConfiguration':
      return registryScanningConfiguration(state.compiled);
    default:
      throw new AwsError(
        'UnknownOperationException',
        `The emulator does not serve ECR ${operation}.`,
      );
  }
}
