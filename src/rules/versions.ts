// The three functions alone, not the package index: the whole of semver would add ~40 KB to
// the bundle every run loads, for ranges the gate never asks semver to parse.
import semverCoerce from 'semver/functions/coerce.js';
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';

// Version ranges of policy ignores (`version: "<3.0.8"`). OS package versions are not semver, so
// each ecosystem is compared by its own package manager's rules. semver (npm's own parser) covers
// the language ecosystems; no well-kept npm library compares dpkg, rpm or apk versions (the one
// dpkg comparator on the registry has ~800 downloads a month), so those three are written here
// from their reference algorithms, cited at each function.

export type Ecosystem = 'dpkg' | 'rpm' | 'apk' | 'semver';

export type Operator = '<' | '<=' | '>' | '>=' | '=';

export interface Comparator {
  op: Operator;
  version: string;
}

/** Every comparator must hold (`>=1.0, <2.0`). */
export type VersionRange = Comparator[];

export const RANGE_EXPECTED =
  'a version or a range of comparators such as "<3.0.8", ">=2.28-1, <2.28-10" or "2.28-10"';

// Sticky, and the space after an operator belongs to the operator's group: one way to split a
// run of spaces, so a long one cannot make the match backtrack quadratically.
const TOKEN = /\s*(?:(<=|>=|==|<|>|=)\s*)?([^\s,<>=!|]+)\s*(,|(?=\s)|$)/y;

/** Parses a range; null when the text is not one (the caller names the line). */
export function parseRange(text: string): VersionRange | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 200) return null;
  const out: VersionRange = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < trimmed.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(trimmed);
    if (match === null || TOKEN.lastIndex === at) return null;
    const op = match[1] === undefined || match[1] === '==' ? '=' : (match[1] as Operator);
    out.push({ op, version: match[2] ?? '' });
  }
  return out.length > 0 ? out : null;
}

/**
 * Which comparison a package's version follows. Amazon Inspector reports every OS package as
 * `packageManager: OS` (shared/data/realworld/inspector2-finding-events.json), and basic scans
 * carry no manager at all, so the OS flavour is read from the version's own markers; when none
 * shows, the range must hold under both dpkg and rpm rules (fail closed: no guess hides a
 * finding).
 */
export function ecosystemsOf(packageManager: string | undefined, version: string): Ecosystem[] {
  const manager = (packageManager ?? '').toUpperCase();
  if (
    ['NPM', 'NODEPKG', 'YARN', 'GOMOD', 'GOBINARY', 'CARGO', 'GEMSPEC', 'BUNDLER'].includes(manager)
  )
    return ['semver'];
  if (
    manager !== '' &&
    manager !== 'OS' &&
    manager !== 'DPKG' &&
    manager !== 'RPM' &&
    manager !== 'APK'
  )
    return [];
  if (manager === 'DPKG' || /(ubuntu|[~+]deb\d|debian)/i.test(version)) return ['dpkg'];
  if (manager === 'RPM' || /\.(el\d|amzn\d|fc\d\d|module\+)/i.test(version)) return ['rpm'];
  if (manager === 'APK' || /-r\d+$/.test(version)) return ['apk'];
  return ['dpkg', 'rpm'];
}

/** -1, 0, 1; null when the version cannot be read in this ecosystem. */
export function compareVersions(a: string, b: string, ecosystem: Ecosystem): number | null {
  switch (ecosystem) {
    case 'semver': {
      // Go and PyPI-style tags (`v1.2`, `1.2`) are coerced to x.y.z; a prerelease is kept.
      const read = (v: string) =>
        semverValid(v, { loose: true }) ??
        semverCoerce(v, { loose: true, includePrerelease: true })?.version ??
        null;
      const x = read(a);
      const y = read(b);
      return x && y ? semverCompare(x, y, { loose: true }) : null;
    }
    case 'dpkg':
      return dpkgCompare(a, b);
    case 'rpm':
      return rpmCompare(a, b);
    case 'apk':
      return apkCompare(a, b);
  }
}

/** True when `version` satisfies every comparator under every candidate ecosystem. */
export function satisfies(
  version: string | undefined,
  range: VersionRange,
  ecosystems: readonly Ecosystem[],
): boolean {
  if (version === undefined || version === '' || ecosystems.length === 0) return false;
  return ecosystems.every((eco) =>
    range.every(({ op, version: bound }) => {
      const c = compareVersions(version, bound, eco);
      if (c === null) return false;
      return op === '<'
        ? c < 0
        : op === '<='
          ? c <= 0
          : op === '>'
            ? c > 0
            : op === '>='
              ? c >= 0
              : c === 0;
    }),
  );
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/** Digit runs compared as numbers of any length (no float or 2^53 limits). */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  return sign(x.length - y.length) || (x < y ? -1 : x > y ? 1 : 0);
}

function splitEpoch(v: string): [string, string] {
  const colon = v.indexOf(':');
  return colon > 0 && /^\d+$/.test(v.slice(0, colon))
    ? [v.slice(0, colon), v.slice(colon + 1)]
    : ['0', v];
}

// Debian Policy §5.6.12 (https://www.debian.org/doc/debian-policy/ch-controlfields.html#version):
// epoch, then upstream and revision each by `verrevcmp` of dpkg's lib/dpkg/version.c: non-digit
// runs char by char where `~` sorts before everything (even the end), letters before other
// characters; digit runs numerically.
function dpkgOrder(c: string | undefined): number {
  if (c === undefined || (c >= '0' && c <= '9')) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/\d/.test(a.charAt(i))) || (j < b.length && !/\d/.test(b.charAt(j)))) {
      const ac = i < a.length && !/\d/.test(a.charAt(i)) ? a.charAt(i) : undefined;
      const bc = j < b.length && !/\d/.test(b.charAt(j)) ? b.charAt(j) : undefined;
      const diff = dpkgOrder(ac) - dpkgOrder(bc);
      if (diff !== 0) return sign(diff);
      i++;
      j++;
    }
    const da = /^\d*/.exec(a.slice(i))?.[0] ?? '';
    const db = /^\d*/.exec(b.slice(j))?.[0] ?? '';
    const first = compareDigits(da || '0', db || '0');
    if (first !== 0) return first;
    i += da.length;
    j += db.length;
  }
  return 0;
}

export function dpkgCompare(a: string, b: string): number | null {
  const valid = /^(\d+:)?[0-9][A-Za-z0-9.+~:-]*$/;
  if (!valid.test(a) || !valid.test(b)) return null;
  const [ea, ra] = splitEpoch(a);
  const [eb, rb] = splitEpoch(b);
  const dash = (v: string): [string, string] => {
    const at = v.lastIndexOf('-');
    return at < 0 ? [v, ''] : [v.slice(0, at), v.slice(at + 1)];
  };
  const [ua, va] = dash(ra);
  const [ub, vb] = dash(rb);
  return compareDigits(ea, eb) || verrevcmp(ua, ub) || verrevcmp(va, vb);
}

// rpm's rpmvercmp (rpmio/rpmvercmp.c, https://github.com/rpm-software-management/rpm): epoch
// first; then alternating alphanumeric segments, separators ignored; `~` sorts before anything,
// `^` after the end but before more segments; a numeric segment beats an alphabetic one; when
// one side runs out, the side with segments left is newer.
function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  const sep = /[^A-Za-z0-9~^]/;
  while (i < a.length || j < b.length) {
    while (i < a.length && sep.test(a.charAt(i))) i++;
    while (j < b.length && sep.test(b.charAt(j))) j++;
    const ca = a.charAt(i);
    const cb = b.charAt(j);
    if (ca === '~' || cb === '~') {
      if (ca !== '~') return 1;
      if (cb !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (ca === '^' || cb === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (ca !== '^') return 1;
      if (cb !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (i >= a.length || j >= b.length) break;
    const numeric = /\d/.test(ca);
    const run = numeric ? /^\d+/ : /^[A-Za-z]+/;
    const sa = run.exec(a.slice(i))?.[0] ?? '';
    const sb = run.exec(b.slice(j))?.[0] ?? '';
    if (sb === '') return numeric ? 1 : -1;
    const c = numeric ? compareDigits(sa, sb) : sa < sb ? -1 : sa > sb ? 1 : 0;
    if (c !== 0) return c;
    i += sa.length;
    j += sb.length;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

export function rpmCompare(a: string, b: string): number | null {
  if (!/^[0-9A-Za-z.+~^_:-]+$/.test(a) || !/^[0-9A-Za-z.+~^_:-]+$/.test(b)) return null;
  const [ea, ra] = splitEpoch(a);
  const [eb, rb] = splitEpoch(b);
  const dash = (v: string): [string, string] => {
    const at = v.lastIndexOf('-');
    return at < 0 ? [v, ''] : [v.slice(0, at), v.slice(at + 1)];
  };
  const [va, la] = dash(ra);
  const [vb, lb] = dash(rb);
  // A bound without a release (`<3.0.8`) compares versions only, as rpm does for `Requires`.
  return compareDigits(ea, eb) || rpmvercmp(va, vb) || (la && lb ? rpmvercmp(la, lb) : 0);
}

// apk-tools version.c (https://gitlab.alpinelinux.org/alpine/apk-tools, and the format in
// https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver): numbers separated by dots, one
// optional letter, suffixes `_alpha|_beta|_pre|_rc` (before the release) or `_cvs|_svn|_git|_hg|_p`
// (after it), each with an optional number, then `-rN`.
const APK =
  /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;
const SUFFIX_RANK: Readonly<Record<string, number>> = {
  alpha: -4,
  beta: -3,
  pre: -2,
  rc: -1,
  cvs: 1,
  svn: 2,
  git: 3,
  hg: 4,
  p: 5,
};

export function apkCompare(a: string, b: string): number | null {
  const x = APK.exec(a);
  const y = APK.exec(b);
  if (!x || !y) return null;
  const na = (x[1] ?? '').split('.');
  const nb = (y[1] ?? '').split('.');
  for (let k = 0; k < Math.max(na.length, nb.length); k++) {
    if (k >= na.length) return -1;
    if (k >= nb.length) return 1;
    const c = compareDigits(na[k] ?? '0', nb[k] ?? '0');
    if (c !== 0) return c;
  }
  const la = x[2] ?? '';
  const lb = y[2] ?? '';
  if (la !== lb) return la < lb ? -1 : 1;
  const suffixes = (s: string) =>
    [...s.matchAll(/_([a-z]+)(\d*)/g)].map(
      (m) => [SUFFIX_RANK[m[1] ?? ''] ?? 0, m[2] || '0'] as const,
    );
  const sa = suffixes(x[3] ?? '');
  const sb = suffixes(y[3] ?? '');
  for (let k = 0; k < Math.max(sa.length, sb.length); k++) {
    const [ra, da] = sa[k] ?? [0, '0'];
    const [rb, db] = sb[k] ?? [0, '0'];
    if (ra !== rb) return sign(ra - rb);
    const c = compareDigits(da, db);
    if (c !== 0) return c;
  }
  return compareDigits(x[4] ?? '0', y[4] ?? '0');
}
