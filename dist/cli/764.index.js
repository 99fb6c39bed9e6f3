export const id = 764;
export const ids = [764];
export const modules = {

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

/***/ 5764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseTrivyIgnore: () => (/* binding */ parseTrivyIgnore)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7091);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(packageurl_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _inputs_checks_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7272);
/* harmony import */ var _reader_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5171);





// trivy's `.trivyignore.yaml` (https://trivy.dev/latest/docs/configuration/filtering/#trivyignoreyaml,
// purls since aquasecurity/trivy#6178): `vulnerabilities[]` entries with `id`, optional `paths`
// (files in the image), `purls` (packages), `expired_at` (YYYY-MM-DD) and `statement`. The other
// sections (misconfigurations, secrets, licenses) are about things ECR does not scan: accepted,
// not used. An unknown key in an entry is an error: a scope the gate skipped would widen the
// ignore.
const TOP_KEYS = ['vulnerabilities', 'misconfigurations', 'secrets', 'licenses'];
const ENTRY_KEYS = ['id', 'paths', 'purls', 'expired_at', 'statement'];
function strings(reader, node, line, path) {
    if (node === null || (0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .isEmpty */ .Im)(node))
        return [];
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node)) {
        reader.fail(node, line, path, `expected a list, got ${(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .kindOf */ .I)(node)}`);
        return [];
    }
    const out = [];
    node.items.forEach((item, index) => {
        const value = reader.resolve(item);
        if (value === null ||
            !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(value) ||
            typeof value.value !== 'string' ||
            value.value.trim() === '') {
            reader.fail(value, line, `${path}[${index}]`, `expected text, got ${(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .kindOf */ .I)(value)}`);
            return;
        }
        out.push(value.value.trim());
    });
    return out;
}
/** trivy matches a purl without a version against every version of the package. */
function readPurl(reader, text, line, path) {
    try {
        const purl = packageurl_js__WEBPACK_IMPORTED_MODULE_1__.PackageURL.fromString(text);
        return { name: purl.name, ...(purl.version ? { version: purl.version } : {}) };
    }
    catch {
        reader.at(line, `${path}: ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .shown */ .SP)(text)} is not a package URL (e.g. pkg:deb/debian/libssl1.1)`);
        return undefined;
    }
}
/** Parses a `.trivyignore.yaml`; every problem names the file and the line, all at once. */
function parseTrivyIgnore(text, fileName) {
    const { doc, reader } = (0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .readYaml */ .gM)(text, fileName);
    const rules = [];
    const root = reader.problems.length > 0 ? null : reader.resolve(doc.contents);
    if (root !== null && !(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .isEmpty */ .Im)(root)) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root)) {
            reader.at(reader.line(root, 1), `expected a mapping with vulnerabilities:, got ${(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .kindOf */ .I)(root)}`);
        }
        else {
            const vulns = reader.entries(root, '', TOP_KEYS).get('vulnerabilities');
            const list = vulns?.value ?? null;
            if (vulns !== undefined && list !== null && !(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .isEmpty */ .Im)(list) && !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(list)) {
                reader.fail(list, vulns.line, 'vulnerabilities', `expected a list of entries (- id: ...), got ${(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .kindOf */ .I)(list)}`);
            }
            else if (vulns !== undefined && list !== null && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(list)) {
                list.items.forEach((item, index) => {
                    const rule = readEntry(reader, reader.resolve(item), `vulnerabilities[${index}]`, vulns.line);
                    if (rule !== undefined)
                        rules.push(rule);
                });
            }
        }
    }
    const { count, first, list } = reader.listed();
    if (count === 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input 'trivyignore': ${first ?? ''}`);
    if (count > 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input 'trivyignore': ${fileName} has ${count} problems:\n${list}`);
    }
    return rules;
}
function readEntry(reader, node, path, parentLine) {
    if (node === null || !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
        reader.fail(node, parentLine, path, `expected a mapping with id, got ${(0,_reader_js__WEBPACK_IMPORTED_MODULE_4__/* .kindOf */ .I)(node)}`);
        return undefined;
    }
    const line = reader.line(node, parentLine);
    const before = reader.problems.length;
    const fields = reader.entries(node, path, ENTRY_KEYS);
    const idField = fields.get('id');
    const id = idField === undefined
        ? undefined
        : reader.text(idField, `${path}.id`, 'a vulnerability id such as CVE-2023-2650');
    if (idField === undefined)
        reader.at(line, `${path}: id is required (a vulnerability id such as CVE-2023-2650)`);
    const statementField = fields.get('statement');
    const statement = statementField === undefined
        ? undefined
        : reader.text(statementField, `${path}.statement`, 'text');
    const expiredField = fields.get('expired_at');
    let expires;
    if (expiredField !== undefined) {
        const value = expiredField.value;
        const raw = value !== null && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(value) ? String(value.value) : '';
        expires =
            value === null ? undefined : reader.checked(value, `${path}.expired_at`, raw, (0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .checkDate */ .fg)(raw));
        if (value === null)
            reader.at(expiredField.line, `${path}.expired_at: has no value; expected a date YYYY-MM-DD`);
    }
    const pathsField = fields.get('paths');
    const paths = pathsField === undefined
        ? undefined
        : strings(reader, pathsField.value, pathsField.line, `${path}.paths`);
    const purlsField = fields.get('purls');
    const purls = purlsField === undefined
        ? undefined
        : strings(reader, purlsField.value, purlsField.line, `${path}.purls`).map((text, index) => readPurl(reader, text, purlsField.line, `${path}.purls[${index}]`));
    if (reader.problems.length > before || id === undefined)
        return undefined;
    return {
        id,
        reason: statement ?? 'listed in .trivyignore.yaml (no statement)',
        source: `${reader.file}:${line}`,
        by: 'trivyignore',
        ...(expires === undefined ? {} : { expires }),
        // A path is matched as trivy prints it: relative to the image root, no leading slash.
        ...(paths === undefined || paths.length === 0
            ? {}
            : { paths: paths.map((p) => p.replace(/^\/+/, '')) }),
        ...(purls === undefined || purls.length === 0
            ? {}
            : { purls: purls.filter((p) => p !== undefined) }),
    };
}


/***/ })

};

//# sourceMappingURL=764.index.js.map