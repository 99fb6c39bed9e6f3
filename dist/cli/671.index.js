export const id = 671;
export const ids = [671];
export const modules = {

/***/ 2671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parsePolicy: () => (/* binding */ parsePolicy)
});

// UNUSED EXPORTS: IGNORE_KEYS

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs/checks.ts
var checks = __webpack_require__(7272);
// EXTERNAL MODULE: ./src/inputs/uploaders.ts
var uploaders = __webpack_require__(7442);
;// CONCATENATED MODULE: ./src/policy/policy.ts
const POLICY_KEYS = [
    'ignore',
    'known-uploaders',
    'rules',
    'risk-threshold',
    'ignore-unfixed',
    'compare',
];
function emptyPolicy(file) {
    return {
        file,
        ignores: [],
        knownUploaders: [],
        rules: {},
        businessHours: null,
        riskThreshold: null,
        ignoreUnfixed: null,
        compareUnchanged: null,
    };
}

// EXTERNAL MODULE: ./src/policy/reader.ts
var policy_reader = __webpack_require__(5171);
;// CONCATENATED MODULE: ./src/policy/business-hours.ts

const HOURS_EXPECTED = 'a range HH:MM-HH:MM in local time, e.g. "08:00-20:00" ("22:00-06:00" runs overnight)';
const DAYS_EXPECTED = 'days as mon-fri, mon,wed,fri or a mix (mon-wed,fri); sun mon tue wed thu fri sat';
const TIMEZONE_EXPECTED = 'an IANA time zone such as Europe/Berlin, America/New_York or UTC';
const TIME = /^(\d{1,2}):(\d{2})$/;
function minuteOf(text) {
    const match = TIME.exec(text.trim());
    if (!match)
        return undefined;
    const hours = Number(match[1]);
    const minutes = Number(match[2]);
    if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0))
        return undefined;
    return hours * 60 + minutes;
}
/**
 * `08:00-20:00`: start inclusive, end exclusive, local to the configured time zone. An end before
 * the start is an overnight range (`22:00-06:00`), owned by the day it starts on.
 */
function checkHours(text) {
    const parts = text.split('-');
    if (parts.length !== 2)
        return (0,checks/* bad */.MB)(HOURS_EXPECTED);
    const start = minuteOf(parts[0] ?? '');
    const end = minuteOf(parts[1] ?? '');
    if (start === undefined || end === undefined || start === 24 * 60)
        return (0,checks/* bad */.MB)(HOURS_EXPECTED);
    if (start === end || (start === 0 && end === 24 * 60)) {
        return (0,checks/* bad */.MB)(HOURS_EXPECTED, 'the range covers no time or the whole day; set the rule to off instead');
    }
    return (0,checks.ok)({ startMinute: start, endMinute: end });
}
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DAY_NAMES = [
    'sunday',
    'monday',
    'tuesday',
    'wednesday',
    'thursday',
    'friday',
    'saturday',
];
function dayIndex(text) {
    const word = text.trim().toLowerCase();
    const short = DAY_NAMES.indexOf(word);
    if (short >= 0)
        return short;
    const full = FULL_DAY_NAMES.indexOf(word);
    return full >= 0 ? full : undefined;
}
/** Days as 0 = Sunday … 6 = Saturday, sorted; a range may wrap the week (`fri-mon`). */
function checkDays(value) {
    const tokens = (typeof value === 'string' ? value.split(',') : value.flatMap((v) => v.split(',')))
        .map((t) => t.trim())
        .filter((t) => t !== '');
    if (tokens.length === 0)
        return (0,checks/* bad */.MB)(DAYS_EXPECTED, 'no day given');
    const days = new Set();
    for (const token of tokens) {
        const [from, to, extra] = token.split('-');
        const start = dayIndex(from ?? '');
        const end = to === undefined ? start : dayIndex(to);
        if (start === undefined || end === undefined || extra !== undefined) {
            return (0,checks/* bad */.MB)(DAYS_EXPECTED, `"${token}" is not a day or a range of days`);
        }
        for (let day = start;; day = (day + 1) % 7) {
            days.add(day);
            if (day === end)
                break;
        }
    }
    return (0,checks.ok)([...days].sort((a, b) => a - b));
}
/** Validated with Intl: exactly the zones the runtime can compute local times in. */
function checkTimezone(text) {
    const zone = text.trim();
    if (zone === '')
        return (0,checks/* bad */.MB)(TIMEZONE_EXPECTED, 'it is empty');
    try {
        // Kept as written: ICU would rename some zones to legacy names (Asia/Kolkata → Asia/Calcutta).
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return (0,checks.ok)(zone);
    }
    catch (error) {
        if (error instanceof RangeError)
            return (0,checks/* bad */.MB)(TIMEZONE_EXPECTED, 'unknown time zone');
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/policy/rules.ts




const RULE_OBJECT_KEYS = ['level'];
const HOURS_RULE_KEYS = ['level', 'hours', 'days', 'timezone'];
const HOURS_RULE = 'outside-business-hours';
const DEFAULT_DAYS = [1, 2, 3, 4, 5];
const DEFAULT_TIMEZONE = 'UTC';
function readLevel(reader, node, line, path) {
    if (node === null || !(0,dist/* isScalar */.jn)(node) || typeof node.value !== 'string') {
        reader.fail(node, line, path, `expected a level (fail, warn, notice, off), got ${(0,policy_reader/* kindOf */.I)(node)}`);
        return undefined;
    }
    return reader.checked(node, path, node.value, (0,checks/* checkLevel */.hT)(node.value));
}
function readBusinessHours(reader, fields, path, line) {
    const hoursField = fields.get('hours');
    if (hoursField === undefined) {
        reader.at(line, `${path}: hours is required, e.g. { level: warn, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }`);
        return undefined;
    }
    const hoursText = reader.text(hoursField, `${path}.hours`, 'a range HH:MM-HH:MM');
    const hours = hoursText === undefined || hoursField.value === null
        ? undefined
        : reader.checked(hoursField.value, `${path}.hours`, hoursText, checkHours(hoursText));
    let days = DEFAULT_DAYS;
    const daysField = fields.get('days');
    if (daysField !== undefined) {
        const node = daysField.value;
        const words = node !== null && (0,dist/* isSeq */.oP)(node)
            ? node.items
                .map((i) => reader.resolve(i))
                .map((i) => (i !== null && (0,dist/* isScalar */.jn)(i) ? String(i.value) : ''))
            : reader.text(daysField, `${path}.days`, 'days such as mon-fri');
        days =
            words === undefined || node === null
                ? undefined
                : reader.checked(node, `${path}.days`, Array.isArray(words) ? words.join(',') : words, checkDays(words));
    }
    let timezone = DEFAULT_TIMEZONE;
    const zoneField = fields.get('timezone');
    if (zoneField !== undefined) {
        const zoneText = reader.text(zoneField, `${path}.timezone`, 'an IANA time zone');
        timezone =
            zoneText === undefined || zoneField.value === null
                ? undefined
                : reader.checked(zoneField.value, `${path}.timezone`, zoneText, checkTimezone(zoneText));
    }
    if (hours === undefined || days === undefined || timezone === undefined)
        return undefined;
    return { ...hours, days, timezone };
}
function readRules(reader, entry) {
    const result = { levels: {}, businessHours: null };
    const node = entry.value;
    if (node === null || (0,policy_reader/* isEmpty */.Im)(node))
        return result;
    if (!(0,dist/* isMap */.jh)(node)) {
        reader.fail(node, entry.line, 'rules', `expected a mapping of rule id to level, got ${(0,policy_reader/* kindOf */.I)(node)}`);
        return result;
    }
    for (const pair of node.items) {
        const keyNode = reader.resolve(pair.key);
        const keyLine = reader.line(keyNode, entry.line);
        if (keyNode === null || !(0,dist/* isScalar */.jn)(keyNode) || typeof keyNode.value !== 'string') {
            reader.fail(keyNode, entry.line, 'rules', `keys must be rule ids, got ${(0,policy_reader/* kindOf */.I)(keyNode)}`);
            continue;
        }
        const keyText = keyNode.value;
        // As in reader.entries: an odd key is quoted so the message stays one clear line.
        const path = `rules.${/^[\w.-]+$/.test(keyText) ? keyText : (0,checks/* shown */.SP)(keyText)}`;
        const rule = reader.checked(keyNode, path, keyText, (0,checks/* checkRuleId */.cd)(keyText));
        if (rule === undefined)
            continue;
        const value = reader.resolve(pair.value);
        if (value !== null && (0,dist/* isMap */.jh)(value)) {
            const allowed = rule === HOURS_RULE ? HOURS_RULE_KEYS : RULE_OBJECT_KEYS;
            const fields = reader.entries(value, path, allowed);
            const levelField = fields.get('level');
            const level = levelField === undefined
                ? rule === HOURS_RULE
                    ? 'warn'
                    : undefined
                : readLevel(reader, levelField.value, levelField.line, `${path}.level`);
            if (levelField === undefined && rule !== HOURS_RULE) {
                reader.at(keyLine, `${path}: level is required (fail, warn, notice, off)`);
            }
            if (level !== undefined)
                result.levels[rule] = level;
            if (rule === HOURS_RULE && (level !== 'off' || fields.has('hours'))) {
                result.businessHours = readBusinessHours(reader, fields, path, keyLine) ?? null;
            }
            continue;
        }
        const level = readLevel(reader, value, keyLine, path);
        if (level === undefined)
            continue;
        if (rule === HOURS_RULE && level !== 'off') {
            reader.at(keyLine, `${path}: ${level} needs business hours; write { level: ${level}, hours: "08:00-20:00", days: mon-fri, timezone: Europe/Berlin }`);
            continue;
        }
        result.levels[rule] = level;
    }
    return result;
}

;// CONCATENATED MODULE: ./src/policy/compare.ts



const COMPARE_KEYS = ['unchanged'];
/**
 * `compare: { unchanged: LEVEL }`: the most a finding already in the `compare-to` reference can
 * be. `fail` keeps every rule's own level (unchanged findings still fail); the default `warn`
 * lets only new findings fail.
 */
function readCompare(reader, entry) {
    const node = entry.value;
    if (node === null || !(0,dist/* isMap */.jh)(node)) {
        reader.fail(node, entry.line, 'compare', `expected a mapping like { unchanged: warn }, got ${(0,policy_reader/* kindOf */.I)(node)}`);
        return null;
    }
    const fields = reader.entries(node, 'compare', COMPARE_KEYS);
    const unchanged = fields.get('unchanged');
    if (!unchanged)
        return null;
    const value = unchanged.value;
    if (value === null || !(0,dist/* isScalar */.jn)(value) || typeof value.value !== 'string') {
        reader.fail(value, unchanged.line, 'compare.unchanged', `expected a level (fail, warn, notice, off), got ${(0,policy_reader/* kindOf */.I)(value)}`);
        return null;
    }
    return reader.checked(value, 'compare.unchanged', value.value, (0,checks/* checkLevel */.hT)(value.value)) ?? null;
}

// EXTERNAL MODULE: ./src/rules/versions.ts
var versions = __webpack_require__(4746);
;// CONCATENATED MODULE: ./src/policy/parse.ts









const IGNORE_KEYS = ['id', 'package', 'version', 'reason', 'expires'];
function readIgnores(reader, entry) {
    const node = entry.value;
    if (node === null || (0,policy_reader/* isEmpty */.Im)(node))
        return [];
    if (!(0,dist/* isSeq */.oP)(node)) {
        reader.fail(node, entry.line, 'ignore', `expected a list of entries (- id: ..., reason: ...), got ${(0,policy_reader/* kindOf */.I)(node)}`);
        return [];
    }
    const rules = [];
    node.items.forEach((item, index) => {
        const rule = readIgnore(reader, reader.resolve(item), `ignore[${index}]`, entry.line);
        if (rule !== undefined)
            rules.push(rule);
    });
    return rules;
}
function readIgnore(reader, node, path, parentLine) {
    if (node === null || !(0,dist/* isMap */.jh)(node)) {
        reader.fail(node, parentLine, path, `expected a mapping with id and reason, got ${(0,policy_reader/* kindOf */.I)(node)}`);
        return undefined;
    }
    const line = reader.line(node, parentLine);
    const fields = reader.entries(node, path, IGNORE_KEYS);
    const before = reader.problems.length;
    const text = (key, what) => {
        const field = fields.get(key);
        return field === undefined ? undefined : reader.text(field, `${path}.${key}`, what);
    };
    const id = text('id', 'a finding id such as CVE-2021-3326');
    const pkg = text('package', 'a package name such as glibc');
    const version = text('version', `${versions/* RANGE_EXPECTED */.zA} (quoted)`);
    const versionField = fields.get('version');
    if (version !== undefined && versionField?.value != null && (0,versions/* parseRange */.RC)(version) === null) {
        reader.fail(versionField.value, line, `${path}.version`, `${(0,checks/* shown */.SP)(version)} is not valid. Expected ${versions/* RANGE_EXPECTED */.zA}.`);
    }
    if (fields.has('version') && !fields.has('package'))
        reader.at(line, `${path}: version needs package (the package whose versions it names)`);
    const reason = text('reason', 'a reason (why the finding is safe to ignore)');
    const expiresText = text('expires', 'a date YYYY-MM-DD');
    const expiresField = fields.get('expires');
    const expires = expiresText === undefined || expiresField?.value == null
        ? undefined
        : reader.checked(expiresField.value, `${path}.expires`, expiresText, (0,checks/* checkDate */.fg)(expiresText));
    if (!fields.has('id') && !fields.has('package'))
        reader.at(line, `${path}: id or package is required (a finding id such as CVE-2021-3326, or a package such as glibc for all of its findings)`);
    if (!fields.has('reason'))
        reader.at(line, `${path}: reason is required (why the finding is safe to ignore)`);
    const idField = fields.get('id');
    if (id !== undefined && idField?.value != null && /\s/.test(id)) {
        reader.fail(idField.value, line, `${path}.id`, `${(0,checks/* shown */.SP)(id)} contains spaces; expected one finding id`);
    }
    if (reader.problems.length > before ||
        (id === undefined && pkg === undefined) ||
        reason === undefined)
        return undefined;
    return {
        ...(id === undefined ? {} : { id }),
        reason,
        source: `${reader.file}:${line}`,
        ...(pkg === undefined ? {} : { package: pkg }),
        ...(version === undefined ? {} : { version }),
        ...(expires === undefined ? {} : { expires }),
    };
}
function readKnownUploaders(reader, entry) {
    const node = entry.value;
    if (node === null || (0,policy_reader/* isEmpty */.Im)(node))
        return [];
    const items = (0,dist/* isSeq */.oP)(node) ? node.items.map((i) => reader.resolve(i)) : [node];
    const out = [];
    items.forEach((item, index) => {
        const path = (0,dist/* isSeq */.oP)(node) ? `known-uploaders[${index}]` : 'known-uploaders';
        if (item === null || !(0,dist/* isScalar */.jn)(item) || typeof item.value !== 'string') {
            reader.fail(item, entry.line, path, `expected an ARN or a name, got ${(0,policy_reader/* kindOf */.I)(item)}`);
            return;
        }
        const value = reader.checked(item, path, item.value, (0,uploaders/* checkUploader */.z)(item.value));
        if (value !== undefined)
            out.push(value);
    });
    return out;
}
function readScalar(reader, entry, what, check) {
    const node = entry.value;
    if (node === null || (0,policy_reader/* isEmpty */.Im)(node))
        return null;
    if (!(0,dist/* isScalar */.jn)(node) ||
        (typeof node.value !== 'string' &&
            typeof node.value !== 'number' &&
            typeof node.value !== 'boolean')) {
        reader.fail(node, entry.line, entry.key, `expected ${what}, got ${(0,policy_reader/* kindOf */.I)(node)}`);
        return null;
    }
    return reader.checked(node, entry.key, node.value, check(String(node.value))) ?? null;
}
/**
 * Parses the policy file (SPEC section 5). Every problem names the file, the line and the key;
 * all of them are reported together in one UserError.
 */
function parsePolicy(text, fileName) {
    const { doc, reader } = (0,policy_reader/* readYaml */.gM)(text, fileName);
    const policy = emptyPolicy(fileName);
    const root = reader.problems.length > 0 ? null : reader.resolve(doc.contents);
    if (root !== null && !(0,policy_reader/* isEmpty */.Im)(root)) {
        if (!(0,dist/* isMap */.jh)(root)) {
            reader.at(reader.line(root, 1), `expected a mapping with the keys ${POLICY_KEYS.join(', ')}, got ${(0,policy_reader/* kindOf */.I)(root)}`);
        }
        else {
            const fields = reader.entries(root, '', POLICY_KEYS);
            const field = (key) => fields.get(key);
            const ignore = field('ignore');
            if (ignore)
                policy.ignores = readIgnores(reader, ignore);
            const uploaders = field('known-uploaders');
            if (uploaders)
                policy.knownUploaders = readKnownUploaders(reader, uploaders);
            const rules = field('rules');
            if (rules) {
                const settings = readRules(reader, rules);
                policy.rules = settings.levels;
                policy.businessHours = settings.businessHours;
            }
            const threshold = field('risk-threshold');
            if (threshold)
                policy.riskThreshold = readScalar(reader, threshold, 'a positive number', checks/* checkPositiveNumber */.VI);
            const unfixed = field('ignore-unfixed');
            if (unfixed)
                policy.ignoreUnfixed = readScalar(reader, unfixed, 'true or false', checks/* checkBoolean */.pO);
            const compare = field('compare');
            if (compare)
                policy.compareUnchanged = readCompare(reader, compare);
        }
    }
    // Reported in file order, whichever part of the walk found them.
    const { count, first, list } = reader.listed();
    if (count === 1)
        throw new errors/* UserError */.yo(first ?? '');
    if (count > 1)
        throw new errors/* UserError */.yo(`Policy file ${fileName} has ${count} problems:\n${list}`);
    return policy;
}


/***/ }),

/***/ 5171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ kindOf),
/* harmony export */   Im: () => (/* binding */ isEmpty),
/* harmony export */   gM: () => (/* binding */ readYaml)
/* harmony export */ });
/* unused harmony exports MAX_LISTED, PolicyReader, MAX_YAML_DEPTH */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _inputs_checks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7272);


/** A key within edit distance 2 of a known one (`ignores` → `ignore`), for the error message. */
function closest(word, candidates) {
    const distance = (a, b) => {
        const row = Array.from({ length: b.length + 1 }, (_, i) => i);
        for (let i = 1; i <= a.length; i++) {
            let diagonal = row[0] ?? 0;
            row[0] = i;
            for (let j = 1; j <= b.length; j++) {
                const above = row[j] ?? 0;
                const cost = a[i - 1] === b[j - 1] ? 0 : 1;
                row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
                diagonal = above;
            }
        }
        return row[b.length] ?? Number.POSITIVE_INFINITY;
    };
    return candidates.find((c) => distance(word.toLowerCase(), c) <= 2);
}
function kindOf(node) {
    if (node === null)
        return 'nothing';
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
        return 'a mapping';
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node))
        return 'a list';
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node)) {
        if (node.value === null)
            return 'an empty value';
        return `${typeof node.value} ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(node.value)}`;
    }
    return 'an alias';
}
const isEmpty = (node) => node === null || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.value === null);
/** Problems listed in one error message; the rest are counted. */
const MAX_LISTED = 50;
/** Walks the YAML tree and records every problem with the line it is on. */
class PolicyReader {
    doc;
    lines;
    file;
    problems = [];
    /** Every alias's node, found in one walk on first use (see `resolve`). */
    aliasTargets;
    constructor(doc, lines, file) {
        this.doc = doc;
        this.lines = lines;
        this.file = file;
    }
    /**
     * The problems in file order as a bulleted list, the first MAX_LISTED only: a broken file of
     * 60,000 lines gave a message of 100,000 problems (the count still says how many).
     */
    listed() {
        const sorted = [...this.problems].sort((a, b) => a.line - b.line).map((p) => p.message);
        const shown = sorted.slice(0, MAX_LISTED).map((m) => `  - ${m}`);
        if (sorted.length > MAX_LISTED)
            shown.push(`  - … and ${sorted.length - MAX_LISTED} more`);
        return { count: sorted.length, first: sorted[0], list: shown.join('\n') };
    }
    line(node, fallback) {
        const offset = node?.range?.[0];
        return offset === undefined ? fallback : this.lines.linePos(offset).line;
    }
    at(line, message) {
        this.problems.push({ line, message: `${this.file}:${line}: ${message}` });
    }
    fail(node, fallbackLine, path, message) {
        this.at(this.line(node, fallbackLine), `${path}: ${message}`);
    }
    resolve(node) {
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
            return this.resolve(this.aliasTarget(node));
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node : null;
    }
    /**
     * What yaml's `Alias.resolve(doc)` returns (the last node anchored with the alias's name before
     * it, in document order), without its walk of the whole document on every call: 4,000 aliases
     * in a policy file took 11 s that way, 16,000 (64 KB) minutes (found by fuzzing).
     */
    aliasTarget(alias) {
        if (this.aliasTargets === undefined) {
            const targets = new Map();
            const latest = new Map();
            (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .visit */ .YR)(this.doc, {
                Node: (_key, node) => {
                    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isAlias */ .Vj)(node))
                        targets.set(node, latest.get(node.source));
                    if (node.anchor)
                        latest.set(node.anchor, node);
                },
            });
            this.aliasTargets = targets;
        }
        return this.aliasTargets.get(alias);
    }
    /** The checked value, or undefined after recording the failure on the node's line. */
    checked(node, path, value, check) {
        if (check.ok)
            return check.value;
        this.fail(node, 1, path, `${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(value)} ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFailure */ .Ic)(check)}`);
        return undefined;
    }
    /** A non-empty string scalar, or undefined after recording why not. */
    text(entry, path, what) {
        const node = entry.value;
        if (node === null || isEmpty(node)) {
            this.fail(node, entry.line, path, `has no value; expected ${what}`);
            return undefined;
        }
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || typeof node.value !== 'string') {
            this.fail(node, entry.line, path, `expected ${what}, got ${kindOf(node)}`);
            return undefined;
        }
        if (node.value.trim() === '') {
            this.fail(node, entry.line, path, `is empty; expected ${what}`);
            return undefined;
        }
        return node.value.trim();
    }
    /** The pairs of a mapping; keys that are not words or not allowed are reported and skipped. */
    entries(map, path, allowed) {
        const out = new Map();
        const mapLine = this.line(map, 1);
        for (const pair of map.items) {
            const keyNode = this.resolve(pair.key);
            if (keyNode === null || !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(keyNode) || typeof keyNode.value !== 'string') {
                this.fail(keyNode, mapLine, path || 'key', `keys must be words, got ${kindOf(keyNode)}`);
                continue;
            }
            const key = keyNode.value;
            // A key with spaces, line breaks or control characters is shown quoted: raw, it would
            // blur the message or break it over lines.
            const shownKey = /^[\w.-]+$/.test(key) ? key : (0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(key);
            const keyPath = path === '' ? shownKey : `${path}.${shownKey}`;
            if (!allowed.includes(key)) {
                const hint = closest(key, allowed);
                const suggestion = hint === undefined ? '' : ` (did you mean ${hint}?)`;
                this.fail(keyNode, mapLine, keyPath, `unknown key${suggestion}; expected one of ${allowed.join(', ')}`);
                continue;
            }
            out.set(key, {
                key,
                keyNode,
                value: this.resolve(pair.value),
                line: this.line(keyNode, mapLine),
            });
        }
        return out;
    }
}
/**
 * Nesting beyond this is refused before anything walks the tree: the walks (yaml's own `visit`,
 * the readers) recurse, and 1,000 nested lists overflowed the stack with a RangeError (found by
 * fuzzing). A policy or .trivyignore.yaml nests 5 levels at most.
 */
const MAX_YAML_DEPTH = 32;
/**
 * The first line (1-based) whose nesting certainly goes past what a policy needs, before the YAML
 * library sees the text, else 0. The library recurses per level: 2,000 nested lists overflow its
 * stack (an error it reports), 5,000 crashed the process in V8's regexp compiler, out of stack,
 * which nothing can catch (found by fuzzing). Over-counts on purpose (brackets in quotes and
 * comments count too): only files far past MAX_YAML_DEPTH are refused here, the rest by depthOf.
 */
function deepLine(text) {
    const limit = MAX_YAML_DEPTH * 4;
    let flow = 0;
    let line = 1;
    let atStart = true;
    let indent = 0;
    let dashes = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
            line += 1;
            atStart = true;
            indent = 0;
            dashes = 0;
            continue;
        }
        if (atStart) {
            if (c === 32)
                indent += 1;
            else if (c === 45 && text.charCodeAt(i + 1) === 32) {
                dashes += 1;
                i += 1;
            }
            else
                atStart = false;
            if (indent > limit || dashes > MAX_YAML_DEPTH)
                return line;
        }
        if (c === 91 || c === 123)
            flow += 1;
        else if ((c === 93 || c === 125) && flow > 0)
            flow -= 1;
        if (flow > MAX_YAML_DEPTH)
            return line;
    }
    return 0;
}
/** The deepest collection in the document, counted without recursion, stopping past `limit`. */
function depthOf(root, limit) {
    let deepest = 0;
    const stack = [[root, 1]];
    while (stack.length > 0) {
        const [node, depth] = stack.pop();
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node))
            continue;
        deepest = Math.max(deepest, depth);
        if (deepest > limit)
            return deepest;
        for (const item of node.items) {
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isPair */ .tO)(item)) {
                stack.push([item.key, depth + 1], [item.value, depth + 1]);
            }
            else
                stack.push([item, depth + 1]);
        }
    }
    return deepest;
}
/**
 * Parses a YAML file for a reader: the YAML library's own errors and warnings, and nesting past
 * MAX_YAML_DEPTH, are recorded as problems on their lines. Read the root only when there are none.
 */
function readYaml(text, file) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const tooDeep = deepLine(text);
    if (tooDeep !== 0) {
        const reader = new PolicyReader(new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Document */ .yo(null), lines, file);
        reader.at(tooDeep, `YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
        return { doc: new yaml__WEBPACK_IMPORTED_MODULE_0__/* .Document */ .yo(null), reader };
    }
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const reader = new PolicyReader(doc, lines, file);
    for (const error of [...doc.errors, ...doc.warnings]) {
        // The YAML library quotes the file's text as it is, control characters and all.
        const message = (0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeInvisible */ .ts)(error.message.split('\n')[0] ?? error.message);
        reader.at(lines.linePos(error.pos[0]).line || 1, `YAML: ${message}`);
    }
    if (reader.problems.length === 0 && depthOf(doc.contents, MAX_YAML_DEPTH) > MAX_YAML_DEPTH) {
        reader.at(1, `YAML: nested more than ${MAX_YAML_DEPTH} levels deep`);
    }
    return { doc, reader };
}


/***/ }),

/***/ 4746:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RC: () => (/* binding */ parseRange),
/* harmony export */   Zu: () => (/* binding */ ecosystemsOf),
/* harmony export */   ib: () => (/* binding */ satisfies),
/* harmony export */   zA: () => (/* binding */ RANGE_EXPECTED)
/* harmony export */ });
/* unused harmony exports compareVersions, dpkgCompare, rpmCompare, apkCompare */
/* harmony import */ var semver_functions_coerce_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5385);
/* harmony import */ var semver_functions_coerce_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(semver_functions_coerce_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8469);
/* harmony import */ var semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8780);
/* harmony import */ var semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2__);
// The three functions alone, not the package index: the whole of semver would add ~40 KB to
// the bundle every run loads, for ranges the gate never asks semver to parse.



const RANGE_EXPECTED = 'a version or a range of comparators such as "<3.0.8", ">=2.28-1, <2.28-10" or "2.28-10"';
// Sticky, and the space after an operator belongs to the operator's group: one way to split a
// run of spaces, so a long one cannot make the match backtrack quadratically.
const TOKEN = /\s*(?:(<=|>=|==|<|>|=)\s*)?([^\s,<>=!|]+)\s*(,|(?=\s)|$)/y;
/** Parses a range; null when the text is not one (the caller names the line). */
function parseRange(text) {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.length > 200)
        return null;
    const out = [];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < trimmed.length) {
        const at = TOKEN.lastIndex;
        const match = TOKEN.exec(trimmed);
        if (match === null || TOKEN.lastIndex === at)
            return null;
        const op = match[1] === undefined || match[1] === '==' ? '=' : match[1];
        out.push({ op, version: match[2] ?? '' });
    }
    return out.length > 0 ? out : null;
}
/**
 * Which comparison a package's version follows. Amazon Inspector reports every OS package as
 * `packageManager: OS` (shared/data/realworld/inspector2-finding-events.json), and basic scans
 * carry no manager at all, so the OS flavour is read from the version's own markers; when none
 * shows, the range must hold under both dpkg and rpm rules (fail closed: no guess hides a
 * finding).
 */
function ecosystemsOf(packageManager, version) {
    const manager = (packageManager ?? '').toUpperCase();
    if (['NPM', 'NODEPKG', 'YARN', 'GOMOD', 'GOBINARY', 'CARGO', 'GEMSPEC', 'BUNDLER'].includes(manager))
        return ['semver'];
    if (manager !== '' &&
        manager !== 'OS' &&
        manager !== 'DPKG' &&
        manager !== 'RPM' &&
        manager !== 'APK')
        return [];
    if (manager === 'DPKG' || /(ubuntu|[~+]deb\d|debian)/i.test(version))
        return ['dpkg'];
    if (manager === 'RPM' || /\.(el\d|amzn\d|fc\d\d|module\+)/i.test(version))
        return ['rpm'];
    if (manager === 'APK' || /-r\d+$/.test(version))
        return ['apk'];
    return ['dpkg', 'rpm'];
}
/** -1, 0, 1; null when the version cannot be read in this ecosystem. */
function compareVersions(a, b, ecosystem) {
    switch (ecosystem) {
        case 'semver': {
            // Go and PyPI-style tags (`v1.2`, `1.2`) are coerced to x.y.z; a prerelease is kept.
            const read = (v) => semver_functions_valid_js__WEBPACK_IMPORTED_MODULE_2___default()(v, { loose: true }) ??
                semver_functions_coerce_js__WEBPACK_IMPORTED_MODULE_0___default()(v, { loose: true, includePrerelease: true })?.version ??
                null;
            const x = read(a);
            const y = read(b);
            return x && y ? semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_1___default()(x, y, { loose: true }) : null;
        }
        case 'dpkg':
            return dpkgCompare(a, b);
        case 'rpm':
            return rpmCompare(a, b);
        case 'apk':
            return apkCompare(a, b);
    }
}
/** True when `version` satisfies every comparator under every candidate ecosystem. */
function satisfies(version, range, ecosystems) {
    if (version === undefined || version === '' || ecosystems.length === 0)
        return false;
    return ecosystems.every((eco) => range.every(({ op, version: bound }) => {
        const c = compareVersions(version, bound, eco);
        if (c === null)
            return false;
        return op === '<'
            ? c < 0
            : op === '<='
                ? c <= 0
                : op === '>'
                    ? c > 0
                    : op === '>='
                        ? c >= 0
                        : c === 0;
    }));
}
const sign = (n) => (n < 0 ? -1 : n > 0 ? 1 : 0);
/** Digit runs compared as numbers of any length (no float or 2^53 limits). */
function compareDigits(a, b) {
    const x = a.replace(/^0+/, '');
    const y = b.replace(/^0+/, '');
    return sign(x.length - y.length) || (x < y ? -1 : x > y ? 1 : 0);
}
function splitEpoch(v) {
    const colon = v.indexOf(':');
    return colon > 0 && /^\d+$/.test(v.slice(0, colon))
        ? [v.slice(0, colon), v.slice(colon + 1)]
        : ['0', v];
}
// Debian Policy §5.6.12 (https://www.debian.org/doc/debian-policy/ch-controlfields.html#version):
// epoch, then upstream and revision each by `verrevcmp` of dpkg's lib/dpkg/version.c: non-digit
// runs char by char where `~` sorts before everything (even the end), letters before other
// characters; digit runs numerically.
function dpkgOrder(c) {
    if (c === undefined || (c >= '0' && c <= '9'))
        return 0;
    if (c === '~')
        return -1;
    if (/[A-Za-z]/.test(c))
        return c.charCodeAt(0);
    return c.charCodeAt(0) + 256;
}
function verrevcmp(a, b) {
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        while ((i < a.length && !/\d/.test(a.charAt(i))) || (j < b.length && !/\d/.test(b.charAt(j)))) {
            const ac = i < a.length && !/\d/.test(a.charAt(i)) ? a.charAt(i) : undefined;
            const bc = j < b.length && !/\d/.test(b.charAt(j)) ? b.charAt(j) : undefined;
            const diff = dpkgOrder(ac) - dpkgOrder(bc);
            if (diff !== 0)
                return sign(diff);
            i++;
            j++;
        }
        const da = /^\d*/.exec(a.slice(i))?.[0] ?? '';
        const db = /^\d*/.exec(b.slice(j))?.[0] ?? '';
        const first = compareDigits(da || '0', db || '0');
        if (first !== 0)
            return first;
        i += da.length;
        j += db.length;
    }
    return 0;
}
function dpkgCompare(a, b) {
    const valid = /^(\d+:)?[0-9][A-Za-z0-9.+~:-]*$/;
    if (!valid.test(a) || !valid.test(b))
        return null;
    const [ea, ra] = splitEpoch(a);
    const [eb, rb] = splitEpoch(b);
    const dash = (v) => {
        const at = v.lastIndexOf('-');
        return at < 0 ? [v, ''] : [v.slice(0, at), v.slice(at + 1)];
    };
    const [ua, va] = dash(ra);
    const [ub, vb] = dash(rb);
    return compareDigits(ea, eb) || verrevcmp(ua, ub) || verrevcmp(va, vb);
}
// rpm's rpmvercmp (rpmio/rpmvercmp.c, https://github.com/rpm-software-management/rpm): epoch
// first; then alternating alphanumeric segments, separators ignored; `~` sorts before anything,
// `^` after the end but before more segments; a numeric segment beats an alphabetic one; when
// one side runs out, the side with segments left is newer.
function rpmvercmp(a, b) {
    if (a === b)
        return 0;
    let i = 0;
    let j = 0;
    const sep = /[^A-Za-z0-9~^]/;
    while (i < a.length || j < b.length) {
        while (i < a.length && sep.test(a.charAt(i)))
            i++;
        while (j < b.length && sep.test(b.charAt(j)))
            j++;
        const ca = a.charAt(i);
        const cb = b.charAt(j);
        if (ca === '~' || cb === '~') {
            if (ca !== '~')
                return 1;
            if (cb !== '~')
                return -1;
            i++;
            j++;
            continue;
        }
        if (ca === '^' || cb === '^') {
            if (i >= a.length)
                return -1;
            if (j >= b.length)
                return 1;
            if (ca !== '^')
                return 1;
            if (cb !== '^')
                return -1;
            i++;
            j++;
            continue;
        }
        if (i >= a.length || j >= b.length)
            break;
        const numeric = /\d/.test(ca);
        const run = numeric ? /^\d+/ : /^[A-Za-z]+/;
        const sa = run.exec(a.slice(i))?.[0] ?? '';
        const sb = run.exec(b.slice(j))?.[0] ?? '';
        if (sb === '')
            return numeric ? 1 : -1;
        const c = numeric ? compareDigits(sa, sb) : sa < sb ? -1 : sa > sb ? 1 : 0;
        if (c !== 0)
            return c;
        i += sa.length;
        j += sb.length;
    }
    if (i >= a.length && j >= b.length)
        return 0;
    return i >= a.length ? -1 : 1;
}
function rpmCompare(a, b) {
    if (!/^[0-9A-Za-z.+~^_:-]+$/.test(a) || !/^[0-9A-Za-z.+~^_:-]+$/.test(b))
        return null;
    const [ea, ra] = splitEpoch(a);
    const [eb, rb] = splitEpoch(b);
    const dash = (v) => {
        const at = v.lastIndexOf('-');
        return at < 0 ? [v, ''] : [v.slice(0, at), v.slice(at + 1)];
    };
    const [va, la] = dash(ra);
    const [vb, lb] = dash(rb);
    // A bound without a release (`<3.0.8`) compares versions only, as rpm does for `Requires`.
    return compareDigits(ea, eb) || rpmvercmp(va, vb) || (la && lb ? rpmvercmp(la, lb) : 0);
}
// apk-tools version.c (https://gitlab.alpinelinux.org/alpine/apk-tools, and the format in
// https://wiki.alpinelinux.org/wiki/APKBUILD_Reference#pkgver): numbers separated by dots, one
// optional letter, suffixes `_alpha|_beta|_pre|_rc` (before the release) or `_cvs|_svn|_git|_hg|_p`
// (after it), each with an optional number, then `-rN`.
const APK = /^(\d+(?:\.\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:-r(\d+))?$/;
const SUFFIX_RANK = {
    alpha: -4,
    beta: -3,
    pre: -2,
    rc: -1,
    cvs: 1,
    svn: 2,
    git: 3,
    hg: 4,
    p: 5,
};
function apkCompare(a, b) {
    const x = APK.exec(a);
    const y = APK.exec(b);
    if (!x || !y)
        return null;
    const na = (x[1] ?? '').split('.');
    const nb = (y[1] ?? '').split('.');
    for (let k = 0; k < Math.max(na.length, nb.length); k++) {
        if (k >= na.length)
            return -1;
        if (k >= nb.length)
            return 1;
        const c = compareDigits(na[k] ?? '0', nb[k] ?? '0');
        if (c !== 0)
            return c;
    }
    const la = x[2] ?? '';
    const lb = y[2] ?? '';
    if (la !== lb)
        return la < lb ? -1 : 1;
    const suffixes = (s) => [...s.matchAll(/_([a-z]+)(\d*)/g)].map((m) => [SUFFIX_RANK[m[1] ?? ''] ?? 0, m[2] || '0']);
    const sa = suffixes(x[3] ?? '');
    const sb = suffixes(y[3] ?? '');
    for (let k = 0; k < Math.max(sa.length, sb.length); k++) {
        const [ra, da] = sa[k] ?? [0, '0'];
        const [rb, db] = sb[k] ?? [0, '0'];
        if (ra !== rb)
            return sign(ra - rb);
        const c = compareDigits(da, db);
        if (c !== 0)
            return c;
    }
    return compareDigits(x[4] ?? '0', y[4] ?? '0');
}


/***/ })

};

//# sourceMappingURL=671.index.js.map