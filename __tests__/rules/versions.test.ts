import {
  apkCompare,
  dpkgCompare,
  ecosystemsOf,
  parseRange,
  rpmCompare,
  satisfies,
} from '../../src/rules/versions.js';

// Expected orders from each package manager's documentation, not from this code:
// dpkg: Debian Policy §5.6.12 (`~` before anything, epoch first, revision last);
// rpm: rpmvercmp (`~` before, `^` after the end, numbers beat letters);
// apk: APKBUILD pkgver (`_rc` before the release, `_p` after, then -rN).
describe('version order per ecosystem', () => {
  test.each<[string, string, number]>([
    ['1.0~rc1', '1.0', -1],
    ['1:1.0', '2.0', 1],
    ['2.28-10', '2.28-10+deb10u1', -1],
    ['3.0.7-1ubuntu1', '3.0.8', -1],
    ['2.36-9+deb12u4', '2.36-9+deb12u4', 0],
    ['1.0a', '1.0+', -1],
    ['1.10', '1.9', 1],
    ['7.74.0-1.3+deb11u7', '7.88.1-10', -1],
  ])('dpkg %s vs %s = %d', (a, b, want) => {
    expect(dpkgCompare(a, b)).toBe(want);
  });

  test.each<[string, string, number]>([
    ['1.0~rc1', '1.0', -1],
    ['1.0^git1', '1.0', 1],
    ['1.0^git1', '1.0.1', -1],
    ['1.0a', '1.0.1', -1],
    ['2.26-12.amzn2.2', '2.26-12.amzn2.3', -1],
    ['1:2.0', '3.0', 1],
    ['1.0010', '1.9', 1],
    ['3.0.7-24.el9', '3.0.8', -1],
  ])('rpm %s vs %s = %d', (a, b, want) => {
    expect(rpmCompare(a, b)).toBe(want);
  });

  test.each<[string, string, number]>([
    ['1.2.3_rc1', '1.2.3', -1],
    ['1.2.3_p1', '1.2.3', 1],
    ['1.2.3-r0', '1.2.3-r1', -1],
    ['3.0.8-r0', '3.0.7-r5', 1],
    ['1.2.3a', '1.2.3', 1],
    ['1.2', '1.2.1', -1],
  ])('apk %s vs %s = %d', (a, b, want) => {
    expect(apkCompare(a, b)).toBe(want);
  });
});

describe('ranges', () => {
  test.each([
    ['<3.0.8', [{ op: '<', version: '3.0.8' }]],
    [
      '>=1.0, <2.0',
      [
        { op: '>=', version: '1.0' },
        { op: '<', version: '2.0' },
      ],
    ],
    [
      '>= 1.0 < 2.0',
      [
        { op: '>=', version: '1.0' },
        { op: '<', version: '2.0' },
      ],
    ],
    ['2.28-10', [{ op: '=', version: '2.28-10' }]],
  ])('%j parses', (text, want) => {
    expect(parseRange(text)).toEqual(want);
  });

  test.each(['', '<', '<<1', '~> 1.0', '1.0 || 2.0', '!=1.0'])('%j is not a range', (text) => {
    expect(parseRange(text)).toBeNull();
  });

  test('OS flavour from the version; unknown flavour must hold under dpkg and rpm', () => {
    expect(ecosystemsOf('OS', '2.36-9+deb12u4')).toEqual(['dpkg']);
    expect(ecosystemsOf('OS', '2.26-12.amzn2.2')).toEqual(['rpm']);
    expect(ecosystemsOf('OS', '3.0.8-r0')).toEqual(['apk']);
    expect(ecosystemsOf(undefined, '2.28')).toEqual(['dpkg', 'rpm']);
    expect(ecosystemsOf('NPM', '1.2.3')).toEqual(['semver']);
    // No comparison known (PyPI): a range never matches, the finding keeps counting.
    expect(ecosystemsOf('PYTHONPKG', '1.2.3')).toEqual([]);
    expect(satisfies('1.2.3', parseRange('<2') ?? [], ecosystemsOf('PYTHONPKG', '1.2.3'))).toBe(
      false,
    );
  });

  test('satisfies: OS and npm, missing version never matches', () => {
    const lt = parseRange('<3.0.8') ?? [];
    expect(satisfies('3.0.7-1~deb12u1', lt, ['dpkg'])).toBe(true);
    expect(satisfies('3.0.8-1~deb12u1', lt, ['dpkg'])).toBe(false);
    expect(satisfies('3.0.8~rc1', lt, ['dpkg'])).toBe(true);
    expect(satisfies('3.0.7', lt, ['semver'])).toBe(true);
    expect(satisfies('v3.1.0', lt, ['semver'])).toBe(false);
    expect(satisfies(undefined, lt, ['dpkg'])).toBe(false);
  });
});
