import type { ImageTarget, Mode, RuleId } from '../model.js';
import type { Policy } from '../policy/policy.js';
import {
  REGION_EXPECTED,
  bad,
  checkBoolean,
  checkKey,
  checkPrComment,
  checkInteger,
  checkPositiveNumber,
  checkRegion,
  ok,
  splitList,
  type Check,
} from './checks.js';
import { readSweep } from './sweep.js';
import { GITHUB_TOKEN_DEFAULT, INPUT_DEFAULTS } from './defaults.js';
import {
  checkRegistryId,
  imageFromParts,
  otherRegistryHost,
  parseImageReference,
} from './image-ref.js';
import { Problems, inputProblem, invalidInput } from './invalid.js';
import { checkFailOn, resolveLevels } from './levels.js';
import type { InputName, RawInputs, Settings } from './settings.js';
import { checkUploader } from './uploaders.js';

type Env = Readonly<Record<string, string | undefined>>;

const checkMode = (text: string): Check<Mode> => {
  const word = text.trim().toLowerCase();
  return word === 'enforce' || word === 'audit' ? ok(word) : bad('enforce or audit');
};

const checkPath = (text: string): Check<string> =>
  /[\r\n\0]/.test(text) ? bad('one file path', 'it spans several lines') : ok(text);

/** Reads inputs: a missing or blank value means the input's documented default. */
class InputReader {
  constructor(
    private readonly raw: RawInputs,
    readonly problems: Problems,
  ) {}

  given(name: InputName): string {
    return (this.raw[name] ?? '').trim();
  }

  text(name: InputName): string {
    const value = this.given(name);
    return value === '' ? INPUT_DEFAULTS[name] : value;
  }

  checked<T>(name: InputName, check: (text: string) => Check<T>, fallback: T): T {
    const text = this.text(name);
    const result = check(text);
    if (result.ok) return result.value;
    this.problems.add(invalidInput({ input: name }, text, result));
    return fallback;
  }

  /** null for an empty input with an empty default. */
  optional<T>(name: InputName, check: (text: string) => Check<T>): T | null {
    return this.text(name) === '' ? null : this.checked<T | null>(name, check, null);
  }
}

const imageKey = (image: ImageTarget): string =>
  [image.registryId, image.region, image.repository, image.tag, image.digest].join('|');

function readImages(
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
function readRegion(inputs: InputReader, images: ImageTarget[], env: Env): string | undefined {
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

function readKnownUploaders(inputs: InputReader, policy: Policy | null): string[] {
  const text = inputs.text('known-uploaders');
  const multiLine = text.includes('\n');
  const fromInput = splitList(text, false).flatMap(({ value, line }) => {
    const check = checkUploader(value);
    if (check.ok) return [check.value];
    const origin = multiLine ? { input: 'known-uploaders', line } : { input: 'known-uploaders' };
    inputs.problems.add(invalidInput(origin, value, check));
    return [];
  });
  return [...new Set([...fromInput, ...(policy?.knownUploaders ?? [])])];
}

/**
 * Validates every input (SPEC section 1) together with the policy file and returns the settings of
 * the run. Pure. All problems are reported at once in a single UserError, before any AWS call.
 */
export function parseSettings(raw: RawInputs, env: Env, policy: Policy | null): Settings {
  const problems = new Problems();
  const inputs = new InputReader(raw, problems);

  const registryId = inputs.optional('registry-id', checkRegistryId) ?? undefined;
  const skippedImages: string[] = [];
  // A sweep names no image and may list several regions (inputs/sweep.ts).
  const sweeping = (raw.sweep ?? '').trim() !== '';
  const sweep = sweeping ? readSweep(raw, env, problems) : null;
  const parsedImages = sweeping ? [] : readImages(inputs, registryId, skippedImages);
  const region = sweeping ? sweep?.regions[0] : readRegion(inputs, parsedImages, env);
  const seen = new Set<string>();
  const images = parsedImages
    .map((image) =>
      image.region !== undefined || region === undefined ? image : { ...image, region },
    )
    .filter((image) => {
      const key = imageKey(image);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });

  const failOn = inputs.checked<RuleId[] | null>('fail-on', checkFailOn, null);
  const businessHours = policy?.businessHours ?? null;
  if (failOn?.includes('outside-business-hours') === true && businessHours === null) {
    problems.add(
      inputProblem(
        'fail-on',
        `outside-business-hours needs business hours, which are set in the policy file: rules: { outside-business-hours: { hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin } }.`,
      ),
    );
  }

  const prCommentMode = inputs.checked('pr-comment', checkPrComment, 'job');
  const scanTimeoutSeconds = inputs.checked(
    'scan-timeout',
    (t) => checkInteger(t, 0, 3600, 'seconds'),
    0,
  );
  // Default 60 s (longer than the 20+ s of aws/aws-sdk#289). Not cut to scan-timeout: a window
  // that cannot finish inside scan-timeout fails closed at run time, saying so (scan-settle.ts).
  const scanSettleSeconds =
    inputs.optional('scan-settle-seconds', (t) => checkInteger(t, 0, 3600, 'seconds')) ?? 60;

  const settings: Settings = {
    images,
    region: region ?? '',
    mode: inputs.checked('mode', checkMode, 'enforce'),
    levels: resolveLevels(policy?.rules ?? {}, failOn),
    riskThreshold:
      inputs.optional('risk-threshold', checkPositiveNumber) ?? policy?.riskThreshold ?? null,
    scanTimeoutSeconds,
    scanSettleSeconds,
    knownUploaders: readKnownUploaders(inputs, policy),
    uploaderHistoryDays: inputs.checked(
      'uploader-history-days',
      (t) => checkInteger(t, 0, 90, 'days'),
      0,
    ),
    uploaderTimeoutSeconds: inputs.checked(
      'uploader-timeout',
      (t) => checkInteger(t, 0, 3600, 'seconds'),
      0,
    ),
    uploaderCheck: inputs.checked('uploader-check', checkBoolean, true),
    fips: images.some((image) => image.fips === true),
    skippedImages,
    businessHours,
    ignores: policy?.ignores ?? [],
    // SPEC section 5: inputs win over the file for scalars.
    ignoreUnfixed:
      inputs.optional('ignore-unfixed', checkBoolean) ?? policy?.ignoreUnfixed ?? false,
    vex: splitList(inputs.text('vex'), false).map((entry) => entry.value),
    trivyignore: inputs.optional('trivyignore', checkPath),
    compareTo: readCompareTo(inputs, registryId, region),
    compareUnchanged: policy?.compareUnchanged ?? 'warn',
    policyFile: policy?.file ?? null,
    dockerfile: inputs.optional('dockerfile', checkPath),
    githubToken: readToken(inputs, env),
    prComment: prCommentMode !== 'off',
    prCommentPerImage: prCommentMode === 'per-image',
    commentKey: inputs.optional('comment-key', checkKey),
    sarifCategory: inputs.optional('sarif-category', checkKey),
    jobSummary: inputs.checked('job-summary', checkBoolean, true),
    sarifFile: inputs.optional('sarif-file', checkPath),
    reportFile: inputs.optional('report-file', checkPath),
    sweep: sweep?.sweep ?? null,
    regions: sweep?.regions ?? (region === undefined ? [] : [region]),
  };
  problems.finish();
  return settings;
}

/** `compare-to`: one reference in the forms of `image`, with the same registry and region defaults. */
function readCompareTo(
  inputs: InputReader,
  registryId: string | undefined,
  region: string | undefined,
): ImageTarget | null {
  const text = inputs.given('compare-to');
  if (text === '') return null;
  const defaults = {
    ...(registryId === undefined ? {} : { registryId }),
    ...(region === undefined ? {} : { region }),
  };
  return inputs.problems.attempt(
    () => parseImageReference(text, defaults, { input: 'compare-to' }),
    null,
  );
}

/** The runner expands the default; anywhere else (the CLI) it falls back to GITHUB_TOKEN. */
function readToken(inputs: InputReader, env: Env): string {
  const token = inputs.text('github-token');
  return token === GITHUB_TOKEN_DEFAULT ? (env.GITHUB_TOKEN ?? '') : token;
}
