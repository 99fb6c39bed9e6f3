import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { INPUTS, INPUT_DEFAULTS } from '../../src/inputs/defaults.js';
import { OUTPUTS, OUTPUT_NAMES } from '../../src/inputs/outputs.js';
import { INPUT_NAMES } from '../../src/inputs/settings.js';

interface ActionYml {
  name: string;
  description: string;
  author: string;
  branding: { icon: string; color: string };
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;

describe('action.yml agrees with src/inputs/defaults.ts and outputs.ts', () => {
  test('metadata and runtime', () => {
    expect(action.name).toBeTruthy();
    expect(action.description.length).toBeLessThanOrEqual(125);
    expect(action.author).toBeTruthy();
    expect(action.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  test('the same inputs, in the same order', () => {
    expect(Object.keys(action.inputs)).toEqual([...INPUT_NAMES]);
    expect(Object.keys(INPUTS)).toEqual([...INPUT_NAMES]);
  });

  test.each([...INPUT_NAMES])('input %s: default and description', (name) => {
    const input = action.inputs[name];
    expect(input?.default).toBe(INPUT_DEFAULTS[name]);
    expect(input?.description).toBe(INPUTS[name].description);
    expect(input?.required).toBe(false);
  });

  test('the SPEC defaults', () => {
    expect(INPUT_DEFAULTS).toMatchObject({
      mode: 'enforce',
      'scan-timeout': '600',
      'uploader-history-days': '30',
      'uploader-timeout': '300',
      'uploader-check': 'true',
      'policy-file': '.github/ecr-risk-gate.yml',
      'github-token': '${{ github.token }}',
      'pr-comment': 'true',
      'job-summary': 'true',
      image: '',
      'fail-on': '',
      'risk-threshold': '',
    });
  });

  test('the same outputs with the same descriptions', () => {
    expect(Object.keys(action.outputs)).toEqual(OUTPUT_NAMES);
    for (const name of OUTPUT_NAMES) expect(action.outputs[name]?.description).toBe(OUTPUTS[name]);
  });

  test('the SPEC section 3 outputs', () => {
    expect([...OUTPUT_NAMES].sort()).toEqual(
      [
        'result',
        'risk-score',
        'critical',
        'high',
        'medium',
        'low',
        'informational',
        'undefined',
        'findings-total',
        'uploader',
        'uploader-status',
        'image-digest',
        'report-file',
        'sarif-file',
        // issue 14 §1 (compare-to)
        'new-findings',
        'fixed-findings',
      ].sort(),
    );
  });
});
