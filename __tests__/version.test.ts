import { readFileSync } from 'node:fs';
import { VERSION } from '../src/version.js';

test('the version sent to AWS and printed by --version is package.json version', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
