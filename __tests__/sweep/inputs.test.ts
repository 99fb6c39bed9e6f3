// Issue 15 §1: the sweep window in the seeds' form, and what it excludes.
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import { checkSweepWindow, windowAt } from '../../src/inputs/sweep-window.js';
import { parseArgs } from '../../src/cli/args.js';

const parse = (raw: Record<string, string>, env: Record<string, string> = {}) =>
  parseSettings(raw, env, null);

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  throw new Error('expected a UserError');
}

describe('sweep window', () => {
  test.each([
    ['70m..10m', 70, 10],
    ['2h..10m', 120, 10],
    ['1d..0', 1440, 0],
    ['earliest=-70m latest=-10m', 70, 10],
    ['90d..1h', 129600, 60],
  ])('%s is %d..%d minutes ago', (text, start, end) => {
    const check = checkSweepWindow(text);
    expect(check).toEqual({ ok: true, value: { startMinutes: start, endMinutes: end, text } });
  });

  test.each(['10m..70m', '10m..10m', '91d..10m', '70..10', '70m', 'yesterday', '70m..10m..5m', ''])(
    '%j is refused',
    (text) => {
      expect(checkSweepWindow(text).ok).toBe(false);
    },
  );

  test('bounds relative to now', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const { start, end } = windowAt({ startMinutes: 70, endMinutes: 10, text: '' }, now);
    expect(start.toISOString()).toBe('2026-12-04T10:50:00.000Z');
    expect(end.toISOString()).toBe('2026-12-04T11:50:00.000Z');
  });
});

describe('sweep settings', () => {
  test('sweep with several regions and no image', () => {
    const settings = parse({ sweep: '70m..10m', region: 'eu-west-1, us-east-1\neu-west-1' });
    expect(settings.sweep).toEqual({ startMinutes: 70, endMinutes: 10, text: '70m..10m' });
    expect(settings.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(settings.images).toEqual([]);
  });

  test('region falls back to AWS_REGION', () => {
    expect(parse({ sweep: '2h..10m' }, { AWS_REGION: 'eu-central-1' }).regions).toEqual([
      'eu-central-1',
    ]);
  });

  test('sweep and image together: an error naming both', () => {
    const message = errorOf(() =>
      parse({ sweep: '70m..10m', image: 'app:1', region: 'us-east-1' }),
    );
    expect(message).toContain("Input 'sweep'");
    expect(message).toContain('image');
  });

  test('a bad window names the input, the value and the accepted form', () => {
    const message = errorOf(() => parse({ sweep: '10m..70m', region: 'us-east-1' }));
    expect(message).toContain("Input 'sweep'");
    expect(message).toContain('10m..70m');
    expect(message).toContain('70m..10m');
  });

  test('a bad region in the list is named', () => {
    const message = errorOf(() => parse({ sweep: '70m..10m', region: 'eu-west-1,mars-1' }));
    expect(message).toContain("Input 'region'");
    expect(message).toContain('mars-1');
  });

  test('uploader-check false contradicts a sweep', () => {
    const message = errorOf(() =>
      parse({ sweep: '70m..10m', region: 'us-east-1', 'uploader-check': 'false' }),
    );
    expect(message).toContain("Input 'uploader-check'");
  });

  test('compare-to contradicts a sweep', () => {
    const message = errorOf(() =>
      parse({ sweep: '70m..10m', region: 'us-east-1', 'compare-to': 'app:prod' }),
    );
    expect(message).toContain("Input 'compare-to'");
    expect(message).toContain('leave compare-to empty with sweep');
  });

  test('no region at all', () => {
    expect(errorOf(() => parse({ sweep: '70m..10m' }))).toContain("Input 'region'");
  });
});

describe('CLI sweep subcommand', () => {
  const output = { writeOut: () => undefined, writeErr: () => undefined };
  test('sweep --window is the sweep input, without an image', () => {
    const parsed = parseArgs(['sweep', '--window', '70m..10m', '--region', 'eu-west-1'], output);
    expect(parsed.kind).toBe('run');
    if (parsed.kind === 'run') {
      expect(parsed.args.raw.sweep).toBe('70m..10m');
      expect(parsed.args.raw.image).toBeUndefined();
    }
  });

  test('sweep without --window is a usage error naming --window', () => {
    let err = '';
    const parsed = parseArgs(['sweep', '--region', 'eu-west-1'], {
      writeOut: () => undefined,
      writeErr: (text: string) => (err += text),
    });
    expect(parsed).toEqual({ kind: 'exit', code: 2 });
    expect(err).toContain('sweep needs --window');
  });
});
