import { decide, shouldFailStep, totalRisk } from '../src/gate.js';
import type { Detection, Level, RuleId } from '../src/model.js';

const row = (rule: RuleId, level: Level, riskScore: number, ignored = false): Detection => ({
  rule,
  level,
  riskScore,
  impact: 0,
  confidence: 0,
  severity: 'x',
  message: rule,
  ignored,
  imageIndex: 0,
  phase: 'release',
  firstTime: '2021-08-11T11:30:16',
  lastTime: '2021-08-11T11:30:16',
});

describe('decide', () => {
  test.each<[string, Detection[], number | null, 'pass' | 'warn' | 'fail', number]>([
    ['nothing found', [], null, 'pass', 0],
    ['a notice only', [row('low', 'notice', 5)], null, 'pass', 5],
    ['a warn', [row('medium', 'warn', 21), row('low', 'notice', 5)], null, 'warn', 26],
    ['a fail', [row('high', 'fail', 70), row('medium', 'warn', 21)], null, 'fail', 91],
    ['an ignored fail', [row('high', 'fail', 70, true)], null, 'pass', 0],
    ['level off adds no risk', [row('informational', 'off', 5)], 1, 'pass', 0],
    [
      'threshold reached exactly',
      [row('medium', 'warn', 21), row('medium', 'warn', 21)],
      42,
      'fail',
      42,
    ],
    ['threshold not reached', [row('medium', 'warn', 21)], 22, 'warn', 21],
  ])('%s', (_name, detections, threshold, result, risk) => {
    const verdict = decide(detections, threshold);
    expect(verdict.result).toBe(result);
    expect(verdict.riskScore).toBe(risk);
    expect(verdict.reasons.length).toBeGreaterThan(0);
  });

  test('reasons name the failing rules and the threshold', () => {
    const verdict = decide([row('high', 'fail', 70), row('high', 'fail', 70)], 100);
    expect(verdict.reasons).toEqual([
      '2 detections: high (2) at level fail',
      'total risk score 140 reached the risk-threshold of 100',
    ]);
  });

  test('totalRisk skips ignored and off rows', () => {
    expect(
      totalRisk([row('high', 'fail', 70), row('low', 'off', 5), row('medium', 'warn', 21, true)]),
    ).toBe(70);
  });
});

test.each([
  ['fail', 'enforce', true],
  ['fail', 'audit', false],
  ['warn', 'enforce', false],
  ['pass', 'enforce', false],
] as const)('result %s in mode %s fails the step: %s', (result, mode, fails) => {
  expect(shouldFailStep(result, mode)).toBe(fails);
});
