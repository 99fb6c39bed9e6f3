import type { ImageTarget, Mode, RuleId } from '../model.js';
import type { Policy } from '../policy/policy.js';
import {
  bad,
  checkBoolean,
  checkKey,
  checkPrComment,
  checkInteger,
  checkPositiveNumber,
  ok,
  splitList,
  type Check,
} from './checks.js';
import { readSweep } from './sweep.js';
import { GITHUB_TOKEN_DEFAULT } from './defaults.js';
import { checkRegistryId, parseImageReference } from './image-ref.js';
import { Problems, inputProblem, invalidInput } from './invalid.js';
import { checkFailOn, resolveLevels } from './levels.js';
import type { RawInputs, Settings } from './settings.js';
import { checkUploader } from './uploaders.js';
import { type Env, InputReader } from './reader.js';
import { imageKey, readImages, readRegion } from './images-input.js';

const checkMode = (text: string): Check<Mode> => {
  const word = text.trim().toLowerCase();
  return word === 'enforce' || word === 'audit' ? ok(word) : bad('enforce or audit');
};

const checkPath = (text: string): Check<string> =>
  /[\r\n\0]/.test(text) ? bad('one file path', 'it spans several lines') : ok(text);

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
