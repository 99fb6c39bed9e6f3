export const id = 764;
export const ids = [764];
export const modules = {

/***/ 5171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ kindOf),
/* harmony export */   Im: () => (/* binding */ isEmpty),
/* harmony export */   yu: () => (/* binding */ PolicyReader)
/* harmony export */ });
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
/** Walks the YAML tree and records every problem with the line it is on. */
class PolicyReader {
    doc;
    lines;
    file;
    problems = [];
    constructor(doc, lines, file) {
        this.doc = doc;
        this.lines = lines;
        this.file = file;
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
            return this.resolve(node.resolve(this.doc));
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node : null;
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
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const reader = new _reader_js__WEBPACK_IMPORTED_MODULE_4__/* .PolicyReader */ .yu(doc, lines, fileName);
    for (const error of [...doc.errors, ...doc.warnings]) {
        const message = (0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeInvisible */ .ts)(error.message.split('\n')[0] ?? error.message);
        reader.at(lines.linePos(error.pos[0]).line || 1, `YAML: ${message}`);
    }
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
    const messages = [...reader.problems].sort((a, b) => a.line - b.line).map((p) => p.message);
    if (messages.length === 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input 'trivyignore': ${messages[0] ?? ''}`);
    if (messages.length > 1) {
        const list = messages.map((m) => `  - ${m}`).join('\n');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input 'trivyignore': ${fileName} has ${messages.length} problems:\n${list}`);
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