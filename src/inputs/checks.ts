import { LEVELS, RULE_IDS, type Level, type RuleId } from '../model.js';
import { regionPartition } from '../aws/partitions.js';
import { textOf } from '../text-of.js';

/**
 * The result of validating one value. Validators return this instead of throwing so the same check
 * can be worded as an input error (`Input 'x': ...`) or a policy-file error (`file:7: key: ...`).
 */
export type Check<T> = { ok: true; value: T } | { ok: false; problem?: string; expected: string };

export const ok = <T>(value: T): Check<T> => ({ ok: true, value });

export const bad = (expected: string, problem?: string): Check<never> =>
  problem === undefined ? { ok: false, expected } : { ok: false, problem, expected };

// JSON.stringify leaves these raw; in a message they would break the line or reorder the text.
const INVISIBLE = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const CONTROL_OR_INVISIBLE =
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const escapeChar = (c: string): string =>
  `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Text for a one-line message: control, bidi and line-break characters written as `\uXXXX`. */
export const escapeInvisible = (text: string): string =>
  text.replace(CONTROL_OR_INVISIBLE, escapeChar);

/**
 * Values echoed in messages are bounded (an input can be a whole file pasted by mistake) and
 * quoted, with every character that could act on a log or a terminal written as an escape.
 */
export function shown(value: unknown): string {
  const cut = textOf(value, 200);
  return JSON.stringify(cut).replace(INVISIBLE, escapeChar);
}

/** `is not valid[: problem]. Expected X.`, the tail shared by every message. */
export function describeFailure(check: { problem?: string; expected: string }): string {
  // Problems quote parts of the value as they are: keep the message one clean line.
  const problem = check.problem === undefined ? '' : `: ${escapeInvisible(check.problem)}`;
  return `is not valid${problem}. Expected ${check.expected}.`;
}

// The words core.getBooleanInput accepts (YAML 1.2 core schema), plus the yes/no and 1/0 that
// people write in workflow files anyway; compared case-insensitively.
const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

export function checkBoolean(text: string): Check<boolean> {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return bad('true or false (also yes/no or 1/0)');
}

export function checkInteger(text: string, min: number, max: number, unit: string): Check<number> {
  const expected = `a whole number of ${unit} from ${min} to ${max}`;
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) {
    const problem = /^\d+(\.\d+)?\s*[a-z]+$/i.test(trimmed)
      ? `give the number alone, in ${unit}`
      : undefined;
    return bad(expected, problem);
  }
  const value = Number(trimmed);
  if (value < min || value > max) return bad(expected, `out of range`);
  return ok(value);
}

export function checkPositiveNumber(text: string): Check<number> {
  const expected = 'a positive number (a total risk score, e.g. 100), or empty for no threshold';
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return bad(expected);
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0) return bad(expected, 'must be greater than 0');
  return ok(value);
}

// Shape of a region (`us-east-1`, `eusc-de-east-1`): only used to explain a near miss, never to
// accept one; acceptance is the SDK's partition data (aws/partitions.ts).
const REGION_SHAPE = /^[a-z]{2,4}(?:-[a-z]{2,5})?-[a-z]+-\d{1,2}$/;

export const REGION_EXPECTED = 'an AWS region such as us-east-1, eu-central-1 or cn-north-1';

export function isRegion(text: string): boolean {
  return regionPartition(text) !== null;
}

export function checkRegion(text: string): Check<string> {
  const trimmed = text.trim();
  if (isRegion(trimmed)) return ok(trimmed);
  if (isRegion(trimmed.toLowerCase())) return bad(REGION_EXPECTED, 'regions are lowercase');
  if (/^[a-z0-9-]+-\d{1,2}[a-z]$/.test(trimmed) && isRegion(trimmed.slice(0, -1))) {
    return bad(REGION_EXPECTED, 'this is an availability zone; drop the final letter');
  }
  if (REGION_SHAPE.test(trimmed)) {
    return bad(REGION_EXPECTED, 'no AWS partition known to the bundled AWS SDK has this region');
  }
  return bad(REGION_EXPECTED);
}

export function checkLevel(text: string): Check<Level> {
  const word = text.trim().toLowerCase();
  const level = LEVELS.find((l) => l === word);
  return level === undefined ? bad(`one of ${LEVELS.join(', ')}`) : ok(level);
}

export const RULE_IDS_TEXT = RULE_IDS.join(', ');

export function checkRuleId(text: string): Check<RuleId> {
  const word = text.trim().toLowerCase();
  const id = RULE_IDS.find((r) => r === word);
  return id === undefined ? bad(`a rule id: ${RULE_IDS_TEXT}`, 'unknown rule id') : ok(id);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A calendar date `YYYY-MM-DD` that exists (no 2027-02-30). */
export function checkDate(text: string): Check<string> {
  const expected = 'a date written YYYY-MM-DD, e.g. 2027-01-31';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return bad(expected, 'not a date (YYYY-MM-DD)');
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (m < 1 || m > 12) return bad(expected, `there is no month ${m}`);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) {
    return bad(expected, `${MONTHS[m - 1] ?? 'that month'} ${y} has no day ${d}`);
  }
  return ok(text.trim());
}

/**
 * Splits a list input into entries with their line numbers; blank entries and `#` comments are
 * dropped. Commas separate entries too unless `commas` is false (IAM names may contain commas).
 */
export function splitList(text: string, commas = true): Array<{ value: string; line: number }> {
  const out: Array<{ value: string; line: number }> = [];
  text.split(/\r?\n/).forEach((rawLine, index) => {
    const line = rawLine.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') return;
    for (const part of commas ? line.split(',') : [line]) {
      const value = part.trim();
      if (value !== '') out.push({ value, line: index + 1 });
    }
  });
  return out;
}

/** `pr-comment`: a boolean, or `per-image` for one comment per image instead of one per job. */
export function checkPrComment(text: string): Check<'job' | 'per-image' | 'off'> {
  if (text.trim().toLowerCase() === 'per-image') return ok('per-image');
  const flag = checkBoolean(text);
  if (flag.ok) return ok(flag.value ? 'job' : 'off');
  return bad('true, false or per-image');
}

/**
 * `comment-key`, `sarif-category`: it ends up inside an HTML comment and a category id, so
 * letters, digits and `._/:@+-` only (no `--`, which could end the comment), 1-100 characters.
 */
export function checkKey(text: string): Check<string> {
  const value = text.trim();
  if (/^[A-Za-z0-9._/:@+-]{1,100}$/.test(value) && !value.includes('--')) return ok(value);
  return bad('1 to 100 letters, digits or . _ / : @ + - (no "--")');
}
