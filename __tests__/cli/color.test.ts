import { useColor } from '../../src/cli/color.js';

describe('colour', () => {
  test('on a terminal only', () => {
    expect(useColor({}, true)).toBe(true);
    expect(useColor({}, false)).toBe(false);
  });

  test('NO_COLOR with any non-empty value turns it off; empty is ignored', () => {
    expect(useColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: 'anything' }, true)).toBe(false);
    expect(useColor({ NO_COLOR: '' }, true)).toBe(true);
  });

  test('FORCE_COLOR turns it on off a terminal and wins over NO_COLOR', () => {
    expect(useColor({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '3', NO_COLOR: '1' }, false)).toBe(true);
  });

  test('FORCE_COLOR=0, false or any value Node does not know turns it off even on a terminal', () => {
    expect(useColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: 'false' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: 'always' }, true)).toBe(false);
    expect(useColor({ FORCE_COLOR: 'true' }, false)).toBe(true);
    expect(useColor({ FORCE_COLOR: '2' }, false)).toBe(true);
  });

  test('TERM=dumb has no colour', () => {
    expect(useColor({ TERM: 'dumb' }, true)).toBe(false);
  });
});
