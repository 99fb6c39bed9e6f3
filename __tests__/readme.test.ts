// The README documents the contract: every input, output and rule id appears in it.
import { readFileSync } from 'node:fs';
import { INPUT_NAMES } from '../src/inputs/settings.js';
import { OUTPUT_NAMES } from '../src/inputs/outputs.js';
import { RULE_IDS } from '../src/model.js';

const readme = readFileSync('README.md', 'utf8');

test('the README starts with the two fresh-machine commands', () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  expect(firstBlock).toContain('npm ci && npm run demo');
  expect(firstBlock).toContain('npm ci && npm test');
});

test.each([...INPUT_NAMES, ...OUTPUT_NAMES, ...RULE_IDS])('README documents `%s`', (name) => {
  expect(readme).toContain(`| \`${name}\``);
});

test('.ci/run runs exactly the README test command', () => {
  const ci = readFileSync('.ci/run', 'utf8');
  expect(ci).toMatch(/npm ci\b/);
  expect(ci).toMatch(/\nnpm test\n/);
});
