export const id = 207;
export const ids = [207];
export const modules = {

/***/ 6207:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadExternalIgnores: () => (/* binding */ loadExternalIgnores)
/* harmony export */ });
/* unused harmony exports MAX_DOCUMENT_BYTES, FETCH_TIMEOUT_MS, fetchBounded */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9783);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8937);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(311);
/* harmony import */ var _inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7906);
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2191);








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
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)('vex', `${JSON.stringify(source)} is not a valid URL; expected an https:// URL or a path in the workspace.`);
    }
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)('vex', `${JSON.stringify(source)} is not https; expected an https:// URL or a path in the workspace.`);
    }
    return url;
}
/**
 * The body, read as a stream and cut off past the cap; errors name the URL. Node's own http(s)
 * with the proxy decision the AWS clients make (`HTTPS_PROXY`/`NO_PROXY` through the toolkit's
 * `getProxyUrl`, tunnelled by https-proxy-agent; aws/clients.ts): the global `fetch` ignores
 * those variables, so on a runner that reaches the internet only through a proxy a VEX URL
 * timed out. Redirects are not followed (a 3xx is an answer that is not the document).
 */
async function fetchBounded(url, input, maxBytes = MAX_DOCUMENT_BYTES, timeoutMs = FETCH_TIMEOUT_MS) {
    const shown = JSON.stringify(url.href);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
        const response = await get(url, signal);
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
            response.destroy();
            throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)(input, `${shown} answered HTTP ${status}; expected the document.`);
        }
        const chunks = [];
        let size = 0;
        for await (const chunk of response) {
            size += chunk.byteLength;
            if (size > maxBytes) {
                response.destroy();
                throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)(input, `${shown} is larger than ${maxBytes} bytes, the most that is read.`);
            }
            chunks.push(chunk);
        }
        return Buffer.concat(chunks).toString('utf8');
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo)
            throw error;
        if (signal.aborted) {
            throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)(input, `${shown} did not answer within ${timeoutMs / 1000} s.`);
        }
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)(input, `${shown} could not be fetched (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error).slice(0, 200)}).`);
    }
}
/** One GET, through the proxy the environment names for this URL (none for loopback hosts). */
function get(url, signal) {
    const proxy = (0,_actions_http_client_lib_proxy__WEBPACK_IMPORTED_MODULE_2__/* .getProxyUrl */ .s)(url);
    const agent = proxy ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_3__/* .HttpsProxyAgent */ .b(proxy.href) : undefined;
    const send = url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__.request : node_http__WEBPACK_IMPORTED_MODULE_0__.request;
    return new Promise((resolve, reject) => {
        const request = send(url, {
            signal,
            headers: { 'user-agent': `${_version_js__WEBPACK_IMPORTED_MODULE_7__/* .TOOL_NAME */ .l}/${_version_js__WEBPACK_IMPORTED_MODULE_7__/* .VERSION */ .x}`, accept: 'application/json' },
            ...(agent ? { agent } : {}),
        }, resolve);
        request.on('error', reject);
        request.end();
    });
}
function readFile(name, input, workspace) {
    try {
        return (0,_files_js__WEBPACK_IMPORTED_MODULE_6__/* .readWorkspaceFile */ .sL)(name, { input, workspace, maxBytes: MAX_DOCUMENT_BYTES });
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .UserError */ .yo)
            throw error;
        const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errnoCode */ .UK)(error);
        if (code === 'ENOENT' || code === 'ENOTDIR') {
            throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)(input, `${JSON.stringify(name)} does not exist (relative to ${workspace}).`);
        }
        throw (0,_inputs_invalid_js__WEBPACK_IMPORTED_MODULE_5__/* .inputProblem */ .oi)(input, `${JSON.stringify(name)} could not be read (${code ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(error)}).`);
    }
}
/** Ignore entries from every `vex` document and the `trivyignore` file, in the order given. */
async function loadExternalIgnores(settings, env, cwd) {
    if (settings.vex.length === 0 && settings.trivyignore === null)
        return [];
    const workspace = env.GITHUB_WORKSPACE?.trim() || cwd;
    const rules = [];
    if (settings.vex.length > 0) {
        const { parseVex } = await Promise.all(/* import() */[__webpack_require__.e(91), __webpack_require__.e(193)]).then(__webpack_require__.bind(__webpack_require__, 3193));
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