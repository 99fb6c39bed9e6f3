import { RULE_IDS, type Level, type RuleId } from '../model.js';
import { RULES } from '../rules/catalog.js';
import { RULE_IDS_TEXT, bad, checkRuleId, ok, splitList, type Check } from './checks.js';

export const FAIL_ON_EXPECTED = `rule ids separated by commas or newlines (${RULE_IDS_TEXT}), or none`;

/** `fail-on`: null when not set, [] for `none`, else the rules that fail the gate. */
export function checkFailOn(text: string): Check<RuleId[] | null> {
  const words = splitList(text).map((e) => e.value.toLowerCase());
  if (words.length === 0) return ok(null);
  if (words.includes('none')) {
    return words.length === 1
      ? ok([])
      : bad(FAIL_ON_EXPECTED, '"none" cannot be combined with rule ids');
  }
  const rules: RuleId[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const check = checkRuleId(word);
    if (check.ok) {
      if (!rules.includes(check.value)) rules.push(check.value);
    } else unknown.push(word);
  }
  if (unknown.length > 0) {
    const listed = unknown.map((w) => `"${w}"`).join(', ');
    return bad(FAIL_ON_EXPECTED, `unknown rule id${unknown.length > 1 ? 's' : ''} ${listed}`);
  }
  return ok(rules);
}

/**
 * Effective levels: the catalog's defaults, then the policy file's `rules:`, then `fail-on`,
 * which replaces the fail set: listed rules fail, rules that would fail but are not listed warn.
 */
export function resolveLevels(
  policyRules: Partial<Record<RuleId, Level>>,
  failOn: readonly RuleId[] | null,
): Record<RuleId, Level> {
  const levels = Object.fromEntries(
    RULE_IDS.map((id) => [id, policyRules[id] ?? RULES[id].defaultLevel]),
  ) as Record<RuleId, Level>;
  if (failOn === null) return levels;
  for (const id of RULE_IDS) {
    if (failOn.includes(id)) levels[id] = 'fail';
    else if (levels[id] === 'fail') levels[id] = 'warn';
  }
  return levels;
}
