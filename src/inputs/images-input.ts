// The image inputs (`image`, or `repository` with `image-tag` / `image-digest` / `registry-id`)
// and the region they are gated in: what parseSettings needs before anything else.
import type { ImageTarget } from '../model.js';
import { REGION_EXPECTED, checkRegion, splitList } from './checks.js';
import { imageFromParts, otherRegistryHost, parseImageReference } from './image-ref.js';
import { inputProblem, invalidInput } from './invalid.js';
import type { Env, InputReader } from './reader.js';

export const imageKey = (image: ImageTarget): string =>
  [image.registryId, image.region, image.repository, image.tag, image.digest].join('|');

export function readImages(
  inputs: InputReader,
  registryId: string | undefined,
  skipped: string[],
): ImageTarget[] {
  const { problems } = inputs;
  const defaults = registryId === undefined ? {} : { registryId };
  const image = inputs.given('image');
  const parts = {
    repository: inputs.given('repository'),
    tag: inputs.given('image-tag'),
    digest: inputs.given('image-digest'),
  };
  const alternatives = (
    [
      ['repository', parts.repository],
      ['image-tag', parts.tag],
      ['image-digest', parts.digest],
    ] as const
  )
    .filter(([, value]) => value !== '')
    .map(([name]) => name);

  if (image !== '') {
    if (alternatives.length > 0) {
      problems.add(
        inputProblem(
          'image',
          `image and ${alternatives.join(', ')} are alternatives; set image, or repository with image-tag/image-digest, not both.`,
        ),
      );
      return [];
    }
    const entries = splitList(image);
    const multiLine = image.includes('\n');
    if (entries.length === 0) {
      problems.add(
        inputProblem('image', 'only comments and blank lines; give at least one image.'),
      );
    }
    // docker/metadata-action lists every registry's tags in one output: refs to other registries
    // are skipped with a notice, unless nothing is left to gate (then they are the error).
    const foreign = entries.filter(({ value }) => otherRegistryHost(value) !== undefined);
    if (foreign.length > 1 && foreign.length === entries.length) {
      const hosts = [...new Set(foreign.map(({ value }) => otherRegistryHost(value)))];
      problems.add(
        inputProblem(
          'image',
          `no Amazon ECR image is left: every reference names another registry (${hosts.join(', ')}); this action gates images in Amazon ECR only. Add the ECR tags (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG) to the list.`,
        ),
      );
      return [];
    }
    const gated =
      foreign.length < entries.length ? entries.filter((e) => !foreign.includes(e)) : entries;
    if (gated !== entries) {
      for (const { value, line } of foreign) {
        skipped.push(
          `image${multiLine ? ` line ${line}` : ''}: ${value} is not in Amazon ECR (${otherRegistryHost(value) ?? ''}); skipped, this action gates images in Amazon ECR only`,
        );
      }
    }
    return gated.flatMap(({ value, line }) => {
      const origin = multiLine ? { input: 'image', line } : { input: 'image' };
      const parsed = problems.attempt(() => parseImageReference(value, defaults, origin), null);
      return parsed === null ? [] : [parsed];
    });
  }
  if (alternatives.length > 0) {
    if (parts.repository === '') {
      problems.add(
        inputProblem(
          'repository',
          `${alternatives.join(' and ')} is set but repository is empty; set repository too, or use image.`,
        ),
      );
      return [];
    }
    const parsed = problems.attempt(() => imageFromParts(parts, defaults), null);
    return parsed === null ? [] : [parsed];
  }
  problems.add(
    inputProblem(
      'image',
      'no image to gate. Set image (e.g. ${{ steps.login.outputs.registry }}/my-repo:${{ github.sha }}), or repository with image-tag or image-digest.',
    ),
  );
  return [];
}

/** Region input, else the region of the first image host, else AWS_REGION, else AWS_DEFAULT_REGION. */
export function readRegion(
  inputs: InputReader,
  images: ImageTarget[],
  env: Env,
): string | undefined {
  if (inputs.given('region') !== '') {
    const explicit = inputs.optional('region', checkRegion) ?? undefined;
    // The host names the registry's region; a different region input would send the calls to
    // another region's ECR, which answers "repository not found": say so up front instead.
    const other = images.find((i) => i.region !== undefined && i.region !== explicit);
    if (explicit !== undefined && other?.region !== undefined) {
      inputs.problems.add(
        inputProblem(
          'region',
          `${JSON.stringify(explicit)} contradicts the region ${other.region} in the image host of ${other.raw}. Leave region empty to use the host's region, or make them agree.`,
        ),
      );
    }
    return explicit;
  }
  const fromHost = images.find((i) => i.region !== undefined)?.region;
  if (fromHost !== undefined) return fromHost;
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = (env[name] ?? '').trim();
    if (value === '') continue;
    const check = checkRegion(value);
    if (check.ok) return check.value;
    inputs.problems.add(invalidInput({ input: name, env: true }, value, check));
    return undefined;
  }
  // A broken image reference already explains itself; a second error about the region is noise.
  if (images.length === 0 && inputs.problems.count > 0) return undefined;
  inputs.problems.add(
    inputProblem(
      'region',
      `no region is known. Expected ${REGION_EXPECTED}: set the region input, use a full image reference (ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG), or set AWS_REGION (aws-actions/configure-aws-credentials does).`,
    ),
  );
  return undefined;
}
