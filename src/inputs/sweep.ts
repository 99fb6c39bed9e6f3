// Settings of a sweep (issue 15): the window, no image, and a list of regions.
import { invalidInput, inputProblem, type Problems } from './invalid.js';
import { checkRegion } from './checks.js';
import { type SweepWindow, checkSweepWindow } from './sweep-window.js';
import type { RawInputs } from './settings.js';

type Env = Readonly<Record<string, string | undefined>>;

const IMAGE_INPUTS = ['image', 'repository', 'image-tag', 'image-digest'] as const;

export interface SweepSettings {
  sweep: SweepWindow;
  regions: string[];
}

/** null when `sweep` is empty (the ordinary per-image run). */
export function readSweep(raw: RawInputs, env: Env, problems: Problems): SweepSettings | null {
  const text = (raw.sweep ?? '').trim();
  if (text === '') return null;
  const check = checkSweepWindow(text);
  if (!check.ok) problems.add(invalidInput({ input: 'sweep' }, text, check));
  const named = IMAGE_INPUTS.filter((name) => (raw[name] ?? '').trim() !== '');
  if (named.length > 0) {
    problems.add(
      inputProblem(
        'sweep',
        `sweep reads every push of the account, so ${named.join(', ')} must be empty; use sweep or image, not both.`,
      ),
    );
  }
  if ((raw['compare-to'] ?? '').trim() !== '') {
    // A sweep gates whatever was pushed, across repositories: one reference image fits none.
    problems.add(
      inputProblem(
        'compare-to',
        'compare-to compares one release with its reference image; a sweep gates every push of the window, so leave compare-to empty with sweep.',
      ),
    );
  }
  if (/^(false|no|0)$/i.test((raw['uploader-check'] ?? '').trim())) {
    problems.add(
      inputProblem(
        'uploader-check',
        'false turns CloudTrail off, and a sweep is a read of CloudTrail; leave uploader-check at true with sweep.',
      ),
    );
  }
  const regions = readRegions(raw, env, problems);
  return check.ok ? { sweep: check.value, regions } : null;
}

/** `region` as a comma/newline list, else AWS_REGION, else AWS_DEFAULT_REGION. */
function readRegions(raw: RawInputs, env: Env, problems: Problems): string[] {
  const given = (raw.region ?? '').trim();
  const fromEnv = (env.AWS_REGION ?? '').trim() || (env.AWS_DEFAULT_REGION ?? '').trim();
  const text = given !== '' ? given : fromEnv;
  if (text === '') {
    problems.add(
      inputProblem(
        'region',
        'a sweep needs the regions to read: set region (one or several, comma or newline separated) or AWS_REGION.',
      ),
    );
    return [];
  }
  const regions: string[] = [];
  for (const item of text.split(/[,\n]/)) {
    const value = item.trim();
    if (value === '' || value.startsWith('#')) continue;
    const check = checkRegion(value);
    if (check.ok) {
      if (!regions.includes(check.value)) regions.push(check.value);
    } else {
      problems.add(invalidInput({ input: given !== '' ? 'region' : 'AWS_REGION' }, value, check));
    }
  }
  return regions;
}
