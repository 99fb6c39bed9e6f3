import type { BusinessHours } from '../inputs/settings.js';
import { checkLevel, checkRuleId, shown } from '../inputs/checks.js';
import type { Level, RuleId } from '../model.js';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { checkDays, checkHours, checkTimezone } from './business-hours.js';
import { isEmpty, kindOf, type Entry, type PolicyReader } from './reader.js';

const RULE_OBJECT_KEYS = ['level'] as const;
const HOURS_RULE_KEYS = ['level', 'hours', 'days', 'timezone'] as const;
const HOURS_RULE: RuleId = 'outside-business-hours';
const DEFAULT_DAYS = [1, 2, 3, 4, 5];
const DEFAULT_TIMEZONE = 'UTC';

export interface RuleSettings {
  levels: Partial<Record<RuleId, Level>>;
  businessHours: BusinessHours | null;
}

function readLevel(
  reader: PolicyReader,
  node: Node | null,
  line: number,
  path: string,
): Level | undefined {
  if (node === null || !isScalar(node) || typeof node.value !== 'string') {
    reader.fail(
      node,
      line,
      path,
      `expected a level (fail, warn, notice, off), got ${kindOf(node)}`,
    );
    return undefined;
  }
  return reader.checked(node, path, node.value, checkLevel(node.value));
}

function readBusinessHours(
  reader: PolicyReader,
  fields: Map<string, Entry>,
  path: string,
  line: number,
): BusinessHours | undefined {
  const hoursField = fields.get('hours');
  if (hoursField === undefined) {
    reader.at(
      line,
      `${path}: hours is required, e.g. { level: warn, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }`,
    );
    return undefined;
  }
  const hoursText = reader.text(hoursField, `${path}.hours`, 'a range HH:MM-HH:MM');
  const hours =
    hoursText === undefined || hoursField.value === null
      ? undefined
      : reader.checked(hoursField.value, `${path}.hours`, hoursText, checkHours(hoursText));

  let days: number[] | undefined = DEFAULT_DAYS;
  const daysField = fields.get('days');
  if (daysField !== undefined) {
    const node = daysField.value;
    const words =
      node !== null && isSeq(node)
        ? node.items
            .map((i) => reader.resolve(i))
            .map((i) => (i !== null && isScalar(i) ? String(i.value) : ''))
        : reader.text(daysField, `${path}.days`, 'days such as mon-fri');
    days =
      words === undefined || node === null
        ? undefined
        : reader.checked(
            node,
            `${path}.days`,
            Array.isArray(words) ? words.join(',') : words,
            checkDays(words),
          );
  }

  let timezone: string | undefined = DEFAULT_TIMEZONE;
  const zoneField = fields.get('timezone');
  if (zoneField !== undefined) {
    const zoneText = reader.text(zoneField, `${path}.timezone`, 'an IANA time zone');
    timezone =
      zoneText === undefined || zoneField.value === null
        ? undefined
        : reader.checked(zoneField.value, `${path}.timezone`, zoneText, checkTimezone(zoneText));
  }
  if (hours === undefined || days === undefined || timezone === undefined) return undefined;
  return { ...hours, days, timezone };
}

export function readRules(reader: PolicyReader, entry: Entry): RuleSettings {
  const result: RuleSettings = { levels: {}, businessHours: null };
  const node = entry.value;
  if (node === null || isEmpty(node)) return result;
  if (!isMap(node)) {
    reader.fail(
      node,
      entry.line,
      'rules',
      `expected a mapping of rule id to level, got ${kindOf(node)}`,
    );
    return result;
  }
  for (const pair of node.items) {
    const keyNode = reader.resolve(pair.key);
    const keyLine = reader.line(keyNode, entry.line);
    if (keyNode === null || !isScalar(keyNode) || typeof keyNode.value !== 'string') {
      reader.fail(keyNode, entry.line, 'rules', `keys must be rule ids, got ${kindOf(keyNode)}`);
      continue;
    }
    const keyText = keyNode.value;
    // As in reader.entries: an odd key is quoted so the message stays one clear line.
    const path = `rules.${/^[\w.-]+$/.test(keyText) ? keyText : shown(keyText)}`;
    const rule = reader.checked(keyNode, path, keyText, checkRuleId(keyText));
    if (rule === undefined) continue;
    const value = reader.resolve(pair.value);

    if (value !== null && isMap(value)) {
      const allowed = rule === HOURS_RULE ? HOURS_RULE_KEYS : RULE_OBJECT_KEYS;
      const fields = reader.entries(value, path, allowed);
      const levelField = fields.get('level');
      const level =
        levelField === undefined
          ? rule === HOURS_RULE
            ? 'warn'
            : undefined
          : readLevel(reader, levelField.value, levelField.line, `${path}.level`);
      if (levelField === undefined && rule !== HOURS_RULE) {
        reader.at(keyLine, `${path}: level is required (fail, warn, notice, off)`);
      }
      if (level !== undefined) result.levels[rule] = level;
      if (rule === HOURS_RULE && (level !== 'off' || fields.has('hours'))) {
        result.businessHours = readBusinessHours(reader, fields, path, keyLine) ?? null;
      }
      continue;
    }

    const level = readLevel(reader, value, keyLine, path);
    if (level === undefined) continue;
    if (rule === HOURS_RULE && level !== 'off') {
      reader.at(
        keyLine,
        `${path}: ${level} needs business hours; write { level: ${level}, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }`,
      );
      continue;
    }
    result.levels[rule] = level;
  }
  return result;
}
