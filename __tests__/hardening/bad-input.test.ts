// Bad-input corpus through the pure parsers: every malformed input or policy file ends in one
// UserError that names the input (or file and line), quotes the value and says what is accepted.
import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';
import { parsePolicy } from '../../src/policy/parse.js';
import { BAD_INPUTS, BAD_POLICIES, GOOD_IMAGE, POLICY_FILE } from './bad-input-cases.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('bad inputs', () => {
  test('the good base is accepted, so each case fails for its own reason', () => {
    expect(parseSettings({ image: GOOD_IMAGE }, {}, null).images).toHaveLength(1);
  });

  test.each(BAD_INPUTS.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const error = thrown(() =>
      parseSettings({ image: GOOD_IMAGE, ...c.inputs }, c.env ?? {}, null),
    );
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message.startsWith(`${c.names}:`)).toBe(true);
    expect(message).toContain(c.says);
    if (c.value !== undefined) expect(message).toContain(JSON.stringify(c.value));
    // One error, on one line: not a list of problems, nothing that reads like a trace.
    expect(message).not.toContain('\n');
  });
});

describe('bad policy files', () => {
  test('an empty policy and a comment-only one are fine', () => {
    expect(parsePolicy('', POLICY_FILE).ignores).toEqual([]);
    expect(parsePolicy('# nothing yet\n', POLICY_FILE).ignores).toEqual([]);
  });

  test.each(BAD_POLICIES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const error = thrown(() => parsePolicy(c.yaml, POLICY_FILE));
    expect(error).toBeInstanceOf(UserError);
    const message = (error as UserError).message;
    expect(message.startsWith(`${POLICY_FILE}:${c.line}: `)).toBe(true);
    expect(message).toContain(c.says);
    expect(message).not.toContain('\n');
  });
});
