// docs/reliability.md is generated from the case tables; this fails when the two differ.
import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@jest/globals';
import { DOC_PATH, WRITE_COMMAND, codeCell, renderReliabilityDoc } from './reliability-doc.js';
import { FAULT_CASES } from './fault-cases.js';
import { HOSTILE } from './hostile-strings.js';
import { markdownViolations } from './inert-checks.js';

test(`${DOC_PATH} matches the case tables (rewrite it with: ${WRITE_COMMAND})`, () => {
  expect(existsSync(DOC_PATH)).toBe(true);
  const committed = readFileSync(DOC_PATH, 'utf8');
  const generated = renderReliabilityDoc();
  if (committed !== generated) {
    throw new Error(`${DOC_PATH} is out of date with the case tables. Run: ${WRITE_COMMAND}`);
  }
});

test('every case is a row, and the hostile strings are shown inert', () => {
  const doc = renderReliabilityDoc();
  for (const c of FAULT_CASES) expect(doc).toContain(`\`${c.id}\``);
  const rules = {
    allowedHrefs: new Set(['https://fast-check.dev/']),
    title: true,
    marker: '<!-- Generated',
  };
  expect(markdownViolations(doc, rules, DOC_PATH)).toEqual([]);
  for (const h of HOSTILE) expect(doc).toContain(codeCell(h.text, 50).split(' … ')[0]);
});

test('ids are unique', () => {
  const ids = FAULT_CASES.map((c) => c.id);
  expect(new Set(ids).size).toBe(ids.length);
});
