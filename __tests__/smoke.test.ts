import { RULES, riskScoreOf, fillMessage } from '../src/rules/catalog.js';

test('seed rules carry the SPEC scores', () => {
  expect(riskScoreOf(RULES.medium)).toBe(21);
  expect(riskScoreOf(RULES['unknown-uploader'])).toBe(49);
  expect(fillMessage(RULES.medium.message, { repository: 'a/b' })).toBe(
    'Vulnerabilities with severity medium found in repository a/b',
  );
});
