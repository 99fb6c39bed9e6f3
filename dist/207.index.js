export const id = 207;
export const ids = [207];
export const modules = {

/***/ 6207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadExternalIgnores: () => (/* binding */ loadExternalIgnores)
/* harmony export */ });
/* unused harmony exports MAX_DOCUMENT_BYTES, FETCH_TIMEOUT_MS, fetchBounded */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7906);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2191);



// Reads the ignore documents named by `vex` and `trivyignore`: workspace files through the same
// bounds as the policy file (no link out of the workspace, regular files, size cap), URLs with a
// size cap and a deadline, so a slow or huge server cannot hold or flood the step.
/** A VEX document for one image is kilobytes; a megabyte leaves room and stops a wrong URL. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;
/** https only; plain http is accepted for the loopback host alone (a local server in tests). */
function checkUrl(source) {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source))
        return null;
    let url;
    try {
        url = new URL(source);
    }
    catch {
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)('vex', `${JSON.stringify(source)} is not a valid URL; expected an https:// URL or a path in the workspace.`);
    }
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)('vex', `${JSON.stringify(source)} is not https; expected an https:// URL or a path in the workspace.`);
    }
    return url;
}
/** The body, read as a stream and cut off past the cap; errors name the URL. */
async function fetchBounded(url, input, maxBytes = MAX_DOCUMENT_BYTES, timeoutMs = FETCH_TIMEOUT_MS) {
    const shown = JSON.stringify(url.href);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
        const response = await fetch(url, { signal, redirect: 'error' });
        if (!response.ok) {
            throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)(input, `${shown} answered HTTP ${response.status}; expected the document.`);
        }
        const reader = response.body?.getReader();
        if (!reader)
            return '';
        const chunks = [];
        let size = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            size += value.byteLength;
            if (size > maxBytes) {
                await reader.cancel();
                throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)(input, `${shown} is larger than ${maxBytes} bytes, the most that is read.`);
            }
            chunks.push(value);
        }
        return Buffer.concat(chunks).toString('utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
            throw error;
        if (signal.aborted) {
            throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)(input, `${shown} did not answer within ${timeoutMs / 1000} s.`);
        }
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)(input, `${shown} could not be fetched (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error).slice(0, 200)}).`);
    }
}
function readFile(name, input, workspace) {
    try {
        return (0,_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readWorkspaceFile */ .sL)(name, { input, workspace, maxBytes: MAX_DOCUMENT_BYTES });
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
            throw error;
        const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errnoCode */ .UK)(error);
        if (code === 'ENOENT' || code === 'ENOTDIR') {
            throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)(input, `${JSON.stringify(name)} does not exist (relative to ${workspace}).`);
        }
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_1__/* .inputProblem */ .oi)(input, `${JSON.stringify(name)} could not be read (${code ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}).`);
    }
}
/** Ignore entries from every `vex` document and the `trivyignore` file, in the order given. */
async function loadExternalIgnores(settings, env, cwd) {
    if (settings.vex.length === 0 && settings.trivyignore === null)
        return [];
    const workspace = env.GITHUB_WORKSPACE?.trim() || cwd;
    const rules = [];
    if (settings.vex.length > 0) {
        const { parseVex } = await Promise.all(/* import() */[__webpack_require__.e(91), __webpack_require__.e(193)]).then(__webpack_require__.bind(__webpack_require__, 5574));
        for (const source of settings.vex) {
            const url = checkUrl(source);
            const body = url ? await fetchBounded(url, 'vex') : readFile(source, 'vex', workspace);
            rules.push(...parseVex(body, source));
        }
    }
    if (settings.trivyignore !== null) {
        const { parseTrivyIgnore } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(91), __webpack_require__.e(764)]).then(__webpack_require__.bind(__webpack_require__, 5764));
        const body = readFile(settings.trivyignore, 'trivyignore', workspace);
        rules.push(...parseTrivyIgnore(body, settings.trivyignore));
    }
    return rules;
}


/***/ })

};

//# sourceMappingURL=207.index.js.map