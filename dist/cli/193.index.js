export const id = 193;
export const ids = [193];
export const modules = {

/***/ 3193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseVex: () => (/* binding */ parseVex)
/* harmony export */ });
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7091);
/* harmony import */ var packageurl_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(packageurl_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _inputs_checks_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7272);
/* harmony import */ var _text_of_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8756);




// OpenVEX (https://github.com/openvex/spec/blob/main/OPENVEX-SPEC.md, v0.2.0; v0.0.x documents
// with a string `vulnerability` and string `products` are read too). What the gate takes from a
// statement:
// - status `not_affected` (with a `justification` or an `impact_statement`, as the spec requires)
//   and `fixed` suppress; `affected` and `under_investigation` never do.
// - vulnerability `name` and `aliases` match the finding's id or name.
// - products: a `pkg:oci/NAME[@sha256:…][?repository_url=HOST/REPO]` purl (the spec's and purl-spec's
//   way to name a container image) scopes the statement to the gated image of that repository
//   (and digest, when given); its `subcomponents` narrow it to those packages. A product that is
//   any other purl (`pkg:deb/debian/openssl@…`) names a package, in whichever image has it.
//   A product the gate cannot read as a purl matches nothing (and is warned as stale).
const STATUSES = ['not_affected', 'affected', 'fixed', 'under_investigation'];
const SUPPRESS = ['not_affected', 'fixed'];
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v) => typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
/** A product's purl: `@id`, else `identifiers.purl` (v0.2.0), or the string itself (v0.0.x). */
function purlOf(product) {
    if (typeof product === 'string')
        return product;
    if (!isObject(product))
        return undefined;
    const identifiers = isObject(product.identifiers) ? product.identifiers : {};
    return text(identifiers.purl) ?? text(product['@id']);
}
function parsePurl(value) {
    if (value === undefined || !value.startsWith('pkg:'))
        return undefined;
    try {
        return packageurl_js__WEBPACK_IMPORTED_MODULE_0__.PackageURL.fromString(value);
    }
    catch {
        return undefined;
    }
}
const asPackage = (purl) => ({
    name: purl.name,
    ...(purl.version ? { version: purl.version } : {}),
});
/**
 * Reads one OpenVEX document into ignore entries. `source` names the file or URL in messages and
 * in the report (`source#statements[2]`). A document that is not OpenVEX is an error naming it.
 */
function parseVex(body, source) {
    const fail = (message) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`Input 'vex': ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(source)} ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeInvisible */ .ts)(message)}`);
    };
    let doc;
    try {
        doc = JSON.parse(body);
    }
    catch (error) {
        return fail(`is not JSON (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'}); expected an OpenVEX document.`);
    }
    if (!isObject(doc))
        return fail('is not an OpenVEX document: expected a JSON object.');
    const context = text(doc['@context']);
    if (context === undefined || !context.startsWith('https://openvex.dev/ns')) {
        fail(`is not an OpenVEX document: "@context" is ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(doc['@context'] ?? 'missing')}; expected https://openvex.dev/ns/v0.2.0.`);
    }
    if (!Array.isArray(doc.statements))
        fail('has no "statements" list; expected an OpenVEX document.');
    const statements = doc.statements;
    const latest = latestStatements(statements, doc.timestamp);
    const rules = [];
    statements.forEach((statement, index) => {
        const at = `statements[${index}]`;
        if (!isObject(statement))
            return fail(`${at} is not an object.`);
        const vuln = statement.vulnerability;
        const name = typeof vuln === 'string' ? text(vuln) : isObject(vuln) ? text(vuln.name) : undefined;
        if (name === undefined)
            return fail(`${at}.vulnerability.name is missing; expected a CVE or other id.`);
        const aliases = isObject(vuln) && Array.isArray(vuln.aliases)
            ? vuln.aliases.flatMap((a) => (text(a) === undefined ? [] : [text(a)]))
            : [];
        const status = text(statement.status);
        if (status === undefined || !STATUSES.includes(status)) {
            return fail(`${at}.status is ${(0,_inputs_checks_js__WEBPACK_IMPORTED_MODULE_2__/* .shown */ .SP)(statement.status ?? 'missing')}; expected one of ${STATUSES.join(', ')}.`);
        }
        const justification = text(statement.justification);
        const impact = text(statement.impact_statement);
        if (status === 'not_affected' && justification === undefined && impact === undefined) {
            return fail(`${at}: not_affected needs a justification or an impact_statement (OpenVEX spec).`);
        }
        if (!Array.isArray(statement.products) || statement.products.length === 0) {
            return fail(`${at}.products is missing; the gate needs to know which image or package the statement is about.`);
        }
        if (!SUPPRESS.includes(status))
            return;
        const why = [justification, impact].filter((t) => t !== undefined).join(': ');
        const reason = `VEX ${status}${why ? ` (${why})` : ''}`.slice(0, 500);
        for (const product of statement.products) {
            // A later statement about the same vulnerability and product (e.g. now `affected`) wins.
            if (latest.get(statementKey(name, product)) !== index)
                continue;
            const base = {
                id: name,
                ...(aliases.length > 0 ? { aliases } : {}),
                reason,
                source: `${source}#${at}`,
                by: 'vex',
            };
            const purl = parsePurl(purlOf(product));
            if (purl === undefined) {
                // Kept so it is reported as stale: the author sees which product the gate could not read.
                rules.push({ ...base, purls: [] });
                continue;
            }
            if (purl.type !== 'oci') {
                rules.push({ ...base, purls: [asPackage(purl)] });
                continue;
            }
            const repositoryUrl = purl.qualifiers?.repository_url;
            const subs = isObject(product) && Array.isArray(product.subcomponents) ? product.subcomponents : [];
            const packages = subs.flatMap((s) => {
                const sub = parsePurl(purlOf(s));
                return sub === undefined ? [] : [asPackage(sub)];
            });
            if (subs.length > 0 && packages.length === 0) {
                rules.push({ ...base, purls: [] });
                continue;
            }
            rules.push({
                ...base,
                image: {
                    name: purl.name,
                    ...(purl.version ? { digest: purl.version } : {}),
                    ...(repositoryUrl ? { repositoryUrl } : {}),
                },
                ...(packages.length > 0 ? { purls: packages } : {}),
            });
        }
        return undefined;
    });
    return rules;
}
// textOf, not JSON.stringify: a product nested thousands deep made stringify throw a RangeError
// (found by fuzzing); such a product is keyed `an array` (it matches nothing either way).
const statementKey = (name, product) => `${name.toLowerCase()}\u0000${purlOf(product) ?? (0,_text_of_js__WEBPACK_IMPORTED_MODULE_3__/* .textOf */ .b)(product, Infinity)}`;
/**
 * OpenVEX: statements about one vulnerability and product form its history, and the latest one
 * (its `timestamp`, else the document's; a tie goes to the later in the document) is what holds.
 * So `not_affected` followed by `affected` suppresses nothing. Index of that statement per key.
 */
function latestStatements(statements, docTime) {
    const when = new Map();
    const fallback = typeof docTime === 'string' ? Date.parse(docTime) : Number.NaN;
    statements.forEach((statement, index) => {
        if (!isObject(statement) || !Array.isArray(statement.products))
            return;
        const vuln = statement.vulnerability;
        const name = typeof vuln === 'string' ? text(vuln) : isObject(vuln) ? text(vuln.name) : undefined;
        if (name === undefined)
            return;
        const own = typeof statement.timestamp === 'string' ? Date.parse(statement.timestamp) : Number.NaN;
        const time = Number.isNaN(own) ? (Number.isNaN(fallback) ? 0 : fallback) : own;
        for (const product of statement.products) {
            const key = statementKey(name, product);
            const seen = when.get(key);
            if (seen === undefined || time >= seen.time)
                when.set(key, { index, time });
        }
    });
    return new Map([...when].map(([key, value]) => [key, value.index]));
}


/***/ })

};

//# sourceMappingURL=193.index.js.map