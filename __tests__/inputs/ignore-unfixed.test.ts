import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import { parseArgs } from '../../src/cli/args.js';
import { parsePolicy } from '../../src/policy/parse.js';

// Issue 14 §2: `ignore-unfixed` is an input too; SPEC section 5: inputs win over the file for
// scalars. Expected values from those two sentences.
const ENV = { AWS_REGION: 'us-east-1' };
const policyWith = (value: string) =>
  parsePolicy(`ignore-unfixed: ${value}\n`, '.github/ecr-risk-gate.yml');

describe('ignore-unfixed input', () => {
  test.each<[string, string | undefined, string | null, boolean]>([
    ['neither: false', undefined, null, false],
    ['file only', undefined, 'true', true],
    ['input only', 'true', null, true],
    ['input false wins over file true', 'false', 'true', false],
    ['input true wins over file false', 'true', 'false', true],
  ])('%s', (_name, input, file, want) => {
    const settings = parseSettings(
      { image: 'app:1', ...(input === undefined ? {} : { 'ignore-unfixed': input }) },
      ENV,
      file === null ? null : policyWith(file),
    );
    expect(settings.ignoreUnfixed).toBe(want);
  });

  test('a bad value names the input and what is accepted', () => {
    expect(() => parseSettings({ image: 'app:1', 'ignore-unfixed': 'maybe' }, ENV, null)).toThrow(
      UserError,
    );
    expect(() => parseSettings({ image: 'app:1', 'ignore-unfixed': 'maybe' }, ENV, null)).toThrow(
      /Input 'ignore-unfixed': "maybe" is not valid\. Expected true or false/,
    );
  });

  test('the CLI takes --ignore-unfixed, --vex (repeatable) and --trivyignore', () => {
    const out = { writeOut: () => undefined, writeErr: () => undefined };
    const parsed = parseArgs(
      [
        '--image',
        'app:1',
        '--ignore-unfixed',
        'true',
        '--vex',
        'a.vex.json',
        '--vex',
        'https://example.test/b.json',
        '--trivyignore',
        '.trivyignore.yaml',
      ],
      out,
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      args: {
        raw: {
          'ignore-unfixed': 'true',
          vex: 'a.vex.json\nhttps://example.test/b.json',
          trivyignore: '.trivyignore.yaml',
        },
      },
    });
  });
});
