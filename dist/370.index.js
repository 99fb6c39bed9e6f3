export const id = 370;
export const ids = [370];
export const modules = {

/***/ 1956:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LD: () => (/* binding */ decide),
/* harmony export */   iG: () => (/* binding */ shouldFailStep)
/* harmony export */ });
/* unused harmony exports countsTowardRisk, totalRisk */
/**
 * Risk a detection adds: rules at level `off` and ignored rows are still reported but add none,
 * so turning a rule off (as `informational` is by default) keeps it from tripping the threshold.
 */
const countsTowardRisk = (d) => !d.ignored && d.level !== 'off' && d.countsRisk !== false;
const totalRisk = (detections) => detections.filter(countsTowardRisk).reduce((sum, d) => sum + d.riskScore, 0);
/**
 * The gate: `fail` if any detection at level fail (not ignored) or the total risk reaches the
 * threshold; else `warn` if any warn; else `pass`. `mode` never changes the result, only whether
 * the step fails (see `shouldFailStep`).
 */
function decide(detections, riskThreshold) {
    const active = detections.filter((d) => !d.ignored);
    const failing = active.filter((d) => d.level === 'fail');
    const warning = active.filter((d) => d.level === 'warn');
    const riskScore = totalRisk(detections);
    const reasons = [];
    if (failing.length > 0)
        reasons.push(`${describe(failing)} at level fail`);
    if (riskThreshold !== null && riskScore >= riskThreshold) {
        reasons.push(`total risk score ${riskScore} reached the risk-threshold of ${riskThreshold}`);
    }
    if (reasons.length > 0)
        return { result: 'fail', riskScore, reasons };
    if (warning.length > 0) {
        return { result: 'warn', riskScore, reasons: [`${describe(warning)} at level warn`] };
    }
    const notices = active.filter((d) => d.level === 'notice').length;
    const tail = notices > 0 ? ` (${plural(notices, 'notice')})` : '';
    return { result: 'pass', riskScore, reasons: [`no detection at level fail or warn${tail}`] };
}
const shouldFailStep = (result, mode) => mode === 'enforce' && result === 'fail';
/** `2 × high, 1 × unknown-uploader` in rule order of first appearance. */
function describe(detections) {
    const byRule = new Map();
    for (const d of detections)
        byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
    const parts = [...byRule].map(([rule, n]) => `${rule} (${n})`);
    return `${plural(detections.length, 'detection')}: ${parts.join(', ')}`;
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;


/***/ }),

/***/ 9370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publish: () => (/* binding */ publish_publish)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate.ts
var gate = __webpack_require__(1956);
// EXTERNAL MODULE: ./src/rules/catalog.ts
var catalog = __webpack_require__(1212);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
;// CONCATENATED MODULE: ./src/report/format.ts



/** Facts every surface words the same way. Pure; the surfaces escape what they take from here. */
const FINDING_RULES = new Set(Object.values(catalog/* SEVERITY_RULE */.nv));
const isFindingRule = (rule) => FINDING_RULES.has(rule);
const RULE_SEVERITY = new Map(model/* SEVERITIES */.oC.map((s) => [catalog/* SEVERITY_RULE */.nv[s], s]));
/** The scanner severity behind a finding row (`high` → HIGH), or null for other rules. */
const severityOfRule = (rule) => RULE_SEVERITY.get(rule) ?? null;
// Ranks by lookup, not indexOf: the comparators below run ~300,000 times a sort at 20,000 rows.
const SEVERITY_RANK = new Map(model/* SEVERITIES */.oC.map((s, i) => [s, i]));
const severityRank = (severity) => SEVERITY_RANK.get(severity) ?? -1;
const LEVEL_ORDER = ['fail', 'warn', 'notice', 'off'];
const LEVEL_RANK = new Map(LEVEL_ORDER.map((l, i) => [l, i]));
const levelRank = (level) => LEVEL_RANK.get(level) ?? -1;
const ruleRank = (rule) => RULE_IDS.indexOf(rule);
const RESULT_ICON = {
    pass: '✅',
    warn: '⚠️',
    fail: '❌',
};
/**
 * `12,345`: the separator GitHub's own pages use. Not toLocaleString: loading ICU's number
 * formatting costs ~20 ms on a cold start, and the runner's locale is not the reader's.
 */
function thousands(n) {
    if (!Number.isFinite(n))
        return String(n);
    const [whole = '', fraction] = String(n).split('.');
    // A loop, not /\B(?=(\d{3})+$)/g: that lookahead rescans to the end from every digit.
    let grouped = '';
    for (let i = 0; i < whole.length; i++) {
        if (i > 0 && whole.charAt(i - 1) !== '-' && (whole.length - i) % 3 === 0)
            grouped += ',';
        grouped += whole.charAt(i);
    }
    return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
const plural = (n, word, many = `${word}s`) => `${thousands(n)} ${n === 1 ? word : many}`;
/** `sha256:a27d73188718` — enough to recognise, short enough for a table. */
const shortDigest = (digest) => {
    const match = /^([a-z0-9]+):([0-9a-f]{12})[0-9a-f]*$/.exec(digest);
    return match ? `${match[1]}:${match[2]}` : digest.slice(0, 24);
};
/** `ACCOUNT.dkr.ecr.REGION.amazonaws.com` (`.com.cn` in the China partition). */
const registryHost = (image) => `${image.registryId}.dkr.ecr.${image.region}.amazonaws.com${image.region.startsWith('cn-') ? '.cn' : ''}`;
/** `repo:tag@sha256:abc (linux/arm64)`: how people recognise the image. */
function imageLabel(image) {
    const tag = image.imageTags[0];
    const platform = image.platform ? ` (${image.platform})` : '';
    return `${image.repository}${tag ? `:${tag}` : ''}@${shortDigest(image.imageDigest)}${platform}`;
}
const detectionsOf = (report, imageIndex) => report.detections.filter((d) => d.imageIndex === imageIndex);
/** Detections that count: not ignored. `off` ones count in the report but raise nothing. */
const isActive = (d) => !d.ignored;
/** Highest first: level, then severity of the finding (or the rule's risk), then CVSS, then id. */
function compareDetections(a, b) {
    return (Number(a.ignored) - Number(b.ignored) ||
        levelRank(a.level) - levelRank(b.level) ||
        detectionWeight(b) - detectionWeight(a) ||
        (b.cvss ?? -1) - (a.cvss ?? -1) ||
        compareText(a.findingId ?? a.rule, b.findingId ?? b.rule) ||
        a.imageIndex - b.imageIndex);
}
/** Findings tables: severity (critical first), then CVSS high to low, then id; ignored last. */
function compareFindings(a, b) {
    return (Number(a.ignored) - Number(b.ignored) ||
        detectionWeight(b) - detectionWeight(a) ||
        (b.cvss ?? -1) - (a.cvss ?? -1) ||
        compareText(a.findingId ?? a.rule, b.findingId ?? b.rule) ||
        a.imageIndex - b.imageIndex);
}
/** Severity rank for findings (critical highest), the rule's risk for the others. */
function detectionWeight(d) {
    return FINDING_WEIGHT.get(d.rule) ?? d.riskScore * 10;
}
const FINDING_WEIGHT = new Map(model/* SEVERITIES */.oC.map((s, i) => [catalog/* SEVERITY_RULE */.nv[s], 1000 - i * 100]));
const compareText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Why one image got its result, worded as the gate words the overall result. */
function imageReasons(report, imageIndex) {
    return (0,gate/* decide */.LD)(detectionsOf(report, imageIndex), null).reasons;
}
/** `glibc 2.28-10` / `glibc 2.28-10 → 2.28-11`. */
function packageText(p) {
    const version = p.version ? ` ${p.version}` : '';
    const fixed = p.fixedInVersion ? ` → ${p.fixedInVersion}` : '';
    return `${p.name}${version}${fixed}`;
}
/** Distinct values in first-seen order. */
function unique(values) {
    return [...new Set(values)];
}
/** A sentence about how the pusher was established (the uploader section of every surface). */
function uploaderSentence(image) {
    const u = image.uploader;
    const who = u.principal ?? 'unknown principal';
    const type = u.type ? ` (${u.type}${u.accountId ? `, account ${u.accountId}` : ''})` : '';
    const when = u.eventTime ? ` at ${u.eventTime}` : '';
    const event = u.eventId ? `CloudTrail PutImage event ${u.eventId}${when}` : 'CloudTrail';
    const baseline = u.baseline.days > 0
        ? `${u.baseline.days}-day baseline of ${plural(u.baseline.principals, 'principal')}${u.baseline.complete ? '' : ', incomplete'}`
        : 'no baseline';
    switch (u.status) {
        case 'known':
            return `${who}${type}: known uploader (in known-uploaders), verified from ${event}.`;
        case 'seen':
            return `${who}${type}: seen before in the ${baseline}, verified from ${event}.`;
        case 'no-baseline':
            return `${who}${type}: first push with no history to compare against, verified from ${event}.`;
        case 'unknown':
            return `${who}${type}: UNKNOWN uploader (not in known-uploaders, not in the ${baseline}), from ${event}.`;
        case 'unverified':
            return `Uploader not verified: ${endSentence(u.reason ?? 'the push was not found in CloudTrail in time')}`;
        case 'skipped':
            return `Uploader not checked${u.reason ? `: ${endSentence(u.reason)}` : ' (uploader-check is false).'}`;
    }
}
/** One full stop at the end, whether or not the reason already had one ("CloudTrail.."). */
function endSentence(text) {
    return text.endsWith('.') ? text : `${text}.`;
}
/**
 * `fixAvailable` / `exploitAvailable` as every surface words them. Only enhanced findings carry
 * them (EnhancedImageScanFinding); a basic scan's finding shows `—` (unknown), never "no".
 */
function fixText(d) {
    switch (d.fixAvailable) {
        case 'YES':
            return 'yes';
        case 'NO':
            return 'no';
        case 'PARTIAL':
            return 'partial';
        default:
            return '—';
    }
}
function exploitText(d) {
    return d.exploitAvailable === 'YES' ? 'yes' : d.exploitAvailable === 'NO' ? 'no' : '—';
}
/** `, fix: yes, exploit: no` for one-line surfaces; empty when the scan says neither. */
function signalsText(d) {
    if (d.fixAvailable === undefined && d.exploitAvailable === undefined)
        return '';
    return `, fix: ${fixText(d)}, exploit: ${exploitText(d)}`;
}
/** Who ignored it and where it is written: `vex: vex/api.json#statements[0]`. */
function ignoredByText(item) {
    return item.source === undefined ? item.by : `${item.by}: ${item.source}`;
}

;// CONCATENATED MODULE: ./src/report/annotations.ts



/**
 * GitHub keeps the first 10 annotations of each level per step and drops the rest silently
 * (SPEC section 7), whichever printed them. The step's own lines come first in the budget: the
 * failure verdict takes one error slot and the step warnings (up to 9) take warning slots; the
 * detections get what is left. Returns the slots for `buildAnnotations` and the step warnings
 * that fit, the last one saying how many more there were.
 */
function detectionSlots(failing, stepWarnings, 
/** Error annotations the step prints itself besides the verdict (files it could not write). */
stepErrors = 0) {
    const maxStepWarnings = ANNOTATIONS_PER_LEVEL - 1;
    let warnings = [...stepWarnings];
    let logOnly = [];
    if (warnings.length > maxStepWarnings) {
        logOnly = warnings.slice(maxStepWarnings - 1);
        warnings = [
            ...warnings.slice(0, maxStepWarnings - 1),
            `${plural(logOnly.length, 'more warning')} left out of the annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level); they are in the log.`,
        ];
    }
    return {
        slots: {
            error: Math.max(0, ANNOTATIONS_PER_LEVEL - (failing ? 1 : 0) - stepErrors),
            warning: ANNOTATIONS_PER_LEVEL - warnings.length,
            notice: ANNOTATIONS_PER_LEVEL,
        },
        warnings,
        logOnly,
    };
}
/** GitHub keeps 10 annotations per level per step and silently drops the rest. */
const ANNOTATIONS_PER_LEVEL = 10;
const TOP_FINDINGS = 5;
const MAX_MESSAGE = 4000;
const MAX_TITLE = 200;
const LEVEL_OF = {
    fail: 'error',
    warn: 'warning',
    notice: 'notice',
    off: null,
};
const ANNOTATION_LEVELS = ['error', 'warning', 'notice'];
/**
 * Annotations for a report: one per rule and image (a `high` annotation lists the top CVEs and
 * "+N more"), levels from the detection level (off and ignored raise none), at most 10 per
 * level; when a level overflows, its tenth slot says what was left out.
 */
function buildAnnotations(report, options = {}) {
    const groups = new Map();
    for (const d of report.detections) {
        const level = LEVEL_OF[d.level];
        if (d.ignored || !level)
            continue;
        // Level too: under compare-to one rule's rows differ (a new HIGH fails, unchanged ones warn).
        const key = `${d.imageIndex}\u0000${d.rule}\u0000${d.level}`;
        const group = groups.get(key);
        if (group)
            group.detections.push(d);
        else
            groups.set(key, { level, rule: d.rule, imageIndex: d.imageIndex, detections: [d] });
    }
    const location = options.dockerfile
        ? { file: options.dockerfile.path, startLine: options.dockerfile.fromLine }
        : {};
    const out = [];
    for (const level of ANNOTATION_LEVELS) {
        const ofLevel = [...groups.values()]
            .filter((g) => g.level === level)
            .sort((a, b) => (0,catalog/* riskScoreOf */.NY)(catalog/* RULES */.y0[b.rule]) - (0,catalog/* riskScoreOf */.NY)(catalog/* RULES */.y0[a.rule]) || a.imageIndex - b.imageIndex);
        const slots = Math.max(0, Math.min(ANNOTATIONS_PER_LEVEL, options.slots?.[level] ?? ANNOTATIONS_PER_LEVEL));
        if (slots === 0)
            continue;
        const fits = ofLevel.length <= slots;
        const shown = fits ? ofLevel : ofLevel.slice(0, slots - 1);
        for (const group of shown)
            out.push({ ...annotate(report, group), ...location });
        if (!fits)
            out.push({ ...overflow(report, level, ofLevel.slice(shown.length)), ...location });
    }
    return out;
}
function annotate(report, group) {
    const image = report.images[group.imageIndex];
    const where = image ? imageLabel(image) : `image ${group.imageIndex + 1}`;
    const spec = catalog/* RULES */.y0[group.rule];
    const title = `${spec.title} (${group.rule}): ${where}`;
    const detections = [...group.detections].sort(compareDetections);
    const risk = detections.reduce((sum, d) => sum + (d.countsRisk === false ? 0 : d.riskScore), 0);
    const lines = [];
    if (isFindingRule(group.rule)) {
        const severity = severityOfRule(group.rule) ?? group.rule;
        const first = detections[0];
        lines.push(`${first?.message ?? spec.title}: ${plural(detections.length, `${severity} finding`)}, risk ${risk}.`);
        for (const d of detections.slice(0, TOP_FINDINGS))
            lines.push(findingLine(d));
        const more = detections.length - TOP_FINDINGS;
        if (more > 0)
            lines.push(`+${more} more: see the job summary or the JSON report.`);
    }
    else {
        for (const message of unique(detections.map((d) => d.message)).slice(0, TOP_FINDINGS)) {
            lines.push(message);
        }
        for (const detail of unique(detections.flatMap((d) => (d.detail ? [d.detail] : [])))) {
            lines.push(detail);
        }
        lines.push(`Risk ${risk}.`);
    }
    return {
        level: group.level,
        title: (0,report_escape/* neutralizeLogText */.jI)((0,report_escape/* cleanLine */.Ow)(title, MAX_TITLE), MAX_TITLE),
        message: (0,report_escape/* neutralizeLogText */.jI)(lines.join('\n'), MAX_MESSAGE),
    };
}
function findingLine(d) {
    const packages = (d.packages ?? []).map(packageText);
    const shownPackages = packages.slice(0, 3).join(', ') + (packages.length > 3 ? ', …' : '');
    const cvss = d.cvss === undefined ? '' : `, CVSS ${d.cvss}`;
    const mark = d.compare ? ` (${d.compare})` : ''; // compare-to (issue 14 §1)
    return `${(0,report_escape/* cleanLine */.Ow)(d.findingId ?? 'finding', 100)}${mark} — ${(0,report_escape/* cleanLine */.Ow)(shownPackages, 300) || 'package unknown'}${cvss}${signalsText(d)}`;
}
function overflow(report, level, left) {
    const names = left.map((g) => {
        const image = report.images[g.imageIndex];
        return `${g.rule} on ${image ? imageLabel(image) : `image ${g.imageIndex + 1}`}`;
    });
    const shown = names.slice(0, 20);
    const rest = names.length - shown.length;
    return {
        level,
        title: `${plural(left.length, `more ${level} annotation`)} left out`,
        message: (0,report_escape/* neutralizeLogText */.jI)([
            `GitHub shows at most ${ANNOTATIONS_PER_LEVEL} ${level} annotations per step (the verdict and the step's warnings included); these were left out:`,
            ...shown,
            ...(rest > 0 ? [`and ${rest} more.`] : []),
            'The job summary and the JSON report list everything.',
        ].join('\n'), MAX_MESSAGE),
    };
}
/** Properties for `core.error/warning/notice(message, properties)`. */
function annotationProperties(a) {
    return {
        title: a.title,
        ...(a.file === undefined ? {} : { file: a.file }),
        ...(a.startLine === undefined ? {} : { startLine: a.startLine }),
    };
}
/**
 * The workflow command line for an annotation (`::error file=…,line=…,title=…::message`), with
 * the runner's escaping: for writing to stdout without `@actions/core`.
 */
function annotationCommand(a) {
    const props = [
        ...(a.file === undefined ? [] : [`file=${escapeCommandProperty(a.file)}`]),
        ...(a.startLine === undefined ? [] : [`line=${a.startLine}`]),
        `title=${escapeCommandProperty(a.title)}`,
    ];
    return `::${a.level} ${props.join(',')}::${escapeCommandData(a.message)}`;
}
/**
 * Line number (1-based) of the `FROM` that starts the final build stage, or null when there is
 * none. Skips comments, parser directives, continuation lines (honouring `# escape=`) and
 * heredoc bodies, so a `FROM` word inside a `RUN` is never taken for an instruction.
 */
function findFromLine(dockerfileText) {
    const lines = dockerfileText.split(/\r\n|\r|\n/);
    let escapeChar = '\\';
    let inDirectives = true;
    let continuing = false;
    let heredocs = [];
    let instruction = '';
    let last = null;
    lines.forEach((raw, index) => {
        const line = index === 0 ? raw.replace(/^\uFEFF/, '') : raw;
        if (heredocs.length > 0) {
            const delimiter = heredocs[0];
            const body = line.replace(/^\t+/, '');
            if (body === delimiter || line === delimiter)
                heredocs = heredocs.slice(1);
            return;
        }
        const trimmed = line.trim();
        if (inDirectives) {
            const directive = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(trimmed);
            if (directive) {
                if (directive[1]?.toLowerCase() === 'escape' &&
                    (directive[2] === '`' || directive[2] === '\\')) {
                    escapeChar = directive[2];
                }
                return;
            }
            inDirectives = false;
        }
        // Comment lines are dropped even inside a continuation, as BuildKit does.
        if (trimmed.startsWith('#'))
            return;
        if (trimmed === '')
            return;
        if (!continuing)
            instruction = (/^\S+/.exec(trimmed)?.[0] ?? '').toUpperCase();
        if (!continuing && instruction === 'FROM')
            last = index + 1;
        continuing = trimmed.endsWith(escapeChar);
        if (instruction === 'RUN' || instruction === 'COPY' || instruction === 'ADD') {
            for (const match of trimmed.matchAll(/<<-?(["']?)([A-Za-z_][A-Za-z0-9_]*)\1/g)) {
                if (match[2])
                    heredocs.push(match[2]);
            }
        }
    });
    return last;
}

;// CONCATENATED MODULE: ./src/report/outputs.ts



/** Each value stays far below the 1 MB per-job output limit even with hundreds of images. */
const MAX_VALUE_CHARS = 32_000;
/** Most worrying first: with several images, `uploader-status` is the worst of them. */
const STATUS_ORDER = [
    'unknown',
    'unverified',
    'no-baseline',
    'seen',
    'known',
    'skipped',
];
/**
 * Step outputs (SPEC section 3). Counts are distinct findings after ignores, summed over the
 * images; `uploader` and `image-digest` are newline lists when images differ.
 */
function buildOutputs(report, paths) {
    const out = {
        result: report.result,
        'risk-score': String(report.riskScore),
    };
    let total = 0;
    for (const severity of model/* SEVERITIES */.oC) {
        const key = severity.toLowerCase();
        const n = report.images.reduce((sum, image) => sum + image.scan.counts[key], 0);
        out[key] = String(n);
        total += n;
    }
    out['findings-total'] = String(total);
    // A sweep's pushers are its rows, not its images (issue 15).
    const rows = report.sweep?.rows;
    const principals = unique(rows
        ? rows.map((r) => r.principal)
        : report.images.flatMap((i) => (i.uploader.principal ? [i.uploader.principal] : [])));
    out['uploader'] = list(principals);
    const statuses = rows ? rows.map((r) => r.status) : report.images.map((i) => i.uploader.status);
    out['uploader-status'] =
        STATUS_ORDER.find((s) => statuses.includes(s)) ?? report.uploaderStatus ?? 'skipped';
    out['image-digest'] = list(unique(report.images.map((i) => i.imageDigest)));
    out['report-file'] = paths.reportFile;
    out['sarif-file'] = paths.sarifFile ?? '';
    // Severity counts stay absolute; these two say what compare-to changed.
    const compared = report.images.flatMap((i) => (i.compare ? [i.compare] : []));
    out['new-findings'] = report.compareTo ? String(compared.reduce((n, c) => n + c.new, 0)) : '';
    out['fixed-findings'] = report.compareTo
        ? String(compared.reduce((n, c) => n + c.fixed.length, 0))
        : '';
    return out;
}
/** Whole entries only, so a consumer never reads half a digest; the report file has the rest. */
function list(values) {
    const kept = [];
    let size = 0;
    for (const value of values) {
        const line = (0,report_escape/* cleanLine */.Ow)(value, 2048);
        if (size + line.length + 1 > MAX_VALUE_CHARS)
            break;
        kept.push(line);
        size += line.length + 1;
    }
    const more = values.length - kept.length;
    return [...kept, ...(more > 0 ? [`(+${more} more in the report file)`] : [])].join('\n');
}

;// CONCATENATED MODULE: ./src/report/top.ts
// The few rows a surface shows out of many, in the order a full sort would give them, without
// sorting them all: the summary, the PR comment and the log show the most severe findings of
// 20,000 (issue 13: a full sort per surface, with a comparator of several keys, was a large share
// of their time). Both functions give exactly what `Array.prototype.sort` (stable) followed by a
// slice gives; __tests__/report/top.test.ts checks that on random inputs.
/**
 * The first `k` of `items` in `compare` order, as `[...items].sort(compare).slice(0, k)`: one
 * comparison per item against the k-th kept so far, a binary search only for those that beat it.
 */
function topSorted(items, compare, k) {
    const limit = Math.max(0, Math.floor(k));
    if (limit === 0)
        return [];
    if (limit >= items.length)
        return [...items].sort(compare);
    const top = [];
    for (const item of items) {
        if (top.length === limit) {
            // Not before the last kept one: an equal item came later, so a stable sort puts it after.
            if (compare(item, top[limit - 1]) >= 0)
                continue;
            top.pop();
        }
        // After every kept item that is not after it (stability), before the first that is.
        let low = 0;
        let high = top.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (compare(top[mid], item) <= 0)
                low = mid + 1;
            else
                high = mid;
        }
        top.splice(low, 0, item);
    }
    return top;
}
/**
 * Groups by key in the order that sorting all items and grouping them in that order gives: a
 * group comes where its best member would (ties: the member that came first). Each group keeps its
 * `keep(key, members)` best members in order.
 */
function orderedGroups(items, keyOf, compare, keep) {
    const groups = new Map();
    items.forEach((item, at) => {
        const key = keyOf(item);
        const group = groups.get(key);
        if (!group)
            groups.set(key, { members: [item], best: item, at });
        else {
            group.members.push(item);
            if (compare(item, group.best) < 0) {
                group.best = item;
                group.at = at;
            }
        }
    });
    return [...groups.entries()]
        .sort(([, a], [, b]) => compare(a.best, b.best) || a.at - b.at)
        .map(([key, group]) => ({
        key,
        members: group.members,
        top: topSorted(group.members, compare, keep(key, group.members)),
    }));
}

;// CONCATENATED MODULE: ./src/report/compare-marks.ts
// compare-to marks as the shared Markdown and text blocks group them (no imports from the
// renderers, so markdown.ts can use them without an import cycle).
/**
 * Key of a "deciding detections" group: the rule, plus level and mark under compare-to, where one
 * rule's rows differ (a new HIGH fails, unchanged HIGHs warn) and must not share one level.
 */
const decidingKey = (d) => d.compare ? `${d.rule}\u0000${d.level}\u0000${d.compare}` : d.rule;
/** Risk a group adds: unchanged rows below `compare.unchanged: fail` add none. */
const groupRisk = (group) => group.reduce((sum, d) => sum + (d.countsRisk === false ? 0 : d.riskScore), 0);
/** ` (new)` / ` (unchanged)` after a rule name, empty without compare-to. */
const markSuffix = (d) => d?.compare ? ` (${d.compare})` : '';

;// CONCATENATED MODULE: ./src/report/markdown.ts






const tableHead = (headers, aligns = []) => `| ${headers.join(' | ')} |\n|${headers.map((_, i) => (aligns[i] === 'right' ? '---:' : '---')).join('|')}|\n`;
const tableRow = (cells) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |\n`;
const SEVERITY_HEADERS = model/* SEVERITIES */.oC.map((s) => s.charAt(0) + s.slice(1).toLowerCase());
/** The six-column severity count table of one image (distinct findings after ignores). */
function severityTable(image) {
    const counts = model/* SEVERITIES */.oC.map((s) => thousands(image.scan.counts[s.toLowerCase()]));
    return (tableHead(SEVERITY_HEADERS, model/* SEVERITIES */.oC.map(() => 'right')) + tableRow(counts));
}
/** `**fail** — why` for one image. */
function verdictLine(report, imageIndex) {
    const image = report.images[imageIndex];
    if (!image)
        return '';
    const reasons = imageReasons(report, imageIndex).map((r) => (0,report_escape/* escapeMarkdown */.FV)(r, 500));
    return `${RESULT_ICON[image.result]} **${image.result}**: ${reasons.join('; ')} · risk score **${thousands(image.riskScore)}**`;
}
/** Registry, digest, tags and scan state in one line. */
function imageFacts(image) {
    const tags = image.imageTags.length
        ? image.imageTags
            .slice(0, 10)
            .map((t) => (0,report_escape/* markdownCode */.D9)(t, 128))
            .join(', ') + (image.imageTags.length > 10 ? ` +${image.imageTags.length - 10} more` : '')
        : 'untagged';
    const scan = `${(0,report_escape/* escapeMarkdown */.FV)(image.scan.type ?? 'no', 20)} scan ${(0,report_escape/* escapeMarkdown */.FV)(image.scan.status, 60)}${image.scan.completedAt ? ` at ${(0,report_escape/* escapeMarkdown */.FV)(image.scan.completedAt, 40)}` : ''}`;
    const index = image.indexDigest ? ` · index ${(0,report_escape/* markdownCode */.D9)(image.indexDigest, 100)}` : '';
    return [
        (0,report_escape/* markdownCode */.D9)(`${registryHost(image)}/${image.repository}`, 300),
        `digest ${(0,report_escape/* markdownCode */.D9)(image.imageDigest, 100)}${index}`,
        `tags ${tags}`,
        scan +
            (image.scan.description && image.scan.status !== 'COMPLETE'
                ? `: ${(0,report_escape/* escapeMarkdown */.FV)(image.scan.description, 300)}`
                : ''),
    ].join(' · ');
}
function uploaderLine(image) {
    return `**Uploader:** ${(0,report_escape/* escapeMarkdown */.FV)(uploaderSentence(image), 1000)}`;
}
/**
 * One row per rule that counts (not ignored, not off), fail first: what decides the result.
 * Rules at level `off` are summed up in one sentence after the table.
 */
function decidingTable(detections, maxTopIds = 5) {
    // A finding rule's group shows its first few ids; another rule's every message (few rows).
    const groups = orderedGroups(detections.filter((d) => !d.ignored), decidingKey, compareDetections, (_, members) => (isFindingRule(members[0].rule) ? maxTopIds : members.length));
    const counted = groups.filter((g) => g.top[0]?.level !== 'off');
    const off = groups.filter((g) => g.top[0]?.level === 'off');
    let out = '';
    if (counted.length > 0) {
        out += tableHead(['Level', 'Rule', 'Count', 'Risk', 'Details'], ['left', 'left', 'right', 'right']);
        for (const group of counted) {
            const first = group.top[0];
            const risk = groupRisk(group.members);
            out += tableRow([
                `**${first.level}**`,
                `${(0,report_escape/* escapeMarkdown */.FV)(catalog/* RULES */.y0[first.rule].title, 80)} (\`${first.rule}\`)${markSuffix(first)}`,
                thousands(group.members.length),
                thousands(risk),
                groupDetails(group.top, group.members.length, maxTopIds),
            ]);
        }
    }
    else {
        out += 'No detection at level fail, warn or notice.\n';
    }
    if (off.length > 0) {
        const parts = off.map((g) => `${g.top[0].rule}${markSuffix(g.top[0])} (${g.members.length})`);
        out += `\nAt level off (reported, not counted): ${parts.join(', ')}.\n`;
    }
    return out;
}
/** `group`: the group's first rows in order (all of them for a rule that is not a finding). */
function groupDetails(group, count, maxTopIds) {
    const first = group[0];
    if (isFindingRule(first.rule)) {
        const shown = group.slice(0, maxTopIds).map((d) => {
            const pkgs = unique((d.packages ?? []).map((p) => p.name))
                .slice(0, 2)
                .join(', ');
            return `${(0,report_escape/* markdownLink */.iQ)(d.findingId ?? 'finding', d.uri, 100)}${pkgs ? ` (${(0,report_escape/* escapeMarkdown */.FV)(pkgs, 120)})` : ''}`;
        });
        const more = count - shown.length;
        return shown.join(', ') + (more > 0 ? ` +${more} more` : '');
    }
    const lines = unique(group.map((d) => d.message))
        .slice(0, 3)
        .map((m) => (0,report_escape/* escapeMarkdown */.FV)(m, 400));
    const details = unique(group.flatMap((d) => (d.detail ? [d.detail] : []))).slice(0, 2);
    return [...lines, ...details.map((d) => (0,report_escape/* escapeMarkdown */.FV)(d, 300))].join('<br>');
}
const FINDING_HEAD = tableHead(['Vulnerability', 'Package', 'Installed', 'Fixed in', 'Severity', 'CVSS', 'Fix', 'Exploit'], ['left', 'left', 'left', 'left', 'left', 'right', 'left', 'left']);
/** One findings-table row: a finding row with every affected package (capped). */
function findingRow(d) {
    const packages = (d.packages ?? []).slice(0, 5);
    const more = (d.packages?.length ?? 0) - packages.length;
    const col = (pick) => packages.map((p) => (0,report_escape/* escapeMarkdown */.FV)(pick(p) ?? '—', 80)).join('<br>') +
        (more > 0 ? `<br>+${more} more` : '');
    const severity = d.scannerSeverity ?? severityOfRule(d.rule) ?? d.rule.toUpperCase();
    return tableRow([
        // compare-to: a finding the reference image does not have is marked (issue 14 §1).
        (0,report_escape/* markdownLink */.iQ)(d.findingId ?? 'finding', d.uri, 100) + (d.compare === 'new' ? ' **new**' : ''),
        col((p) => p.name),
        col((p) => p.version),
        col((p) => p.fixedInVersion),
        severity,
        d.cvss === undefined ? '—' : d.cvss.toFixed(1),
        fixText(d),
        exploitText(d) === 'yes' ? '**yes**' : exploitText(d),
    ]);
}
const IGNORED_HEAD = tableHead([
    'Vulnerability',
    'Package',
    'Severity',
    'Reason',
    'Expires',
    'By',
]);
function ignoredRow(item) {
    return tableRow([
        (0,report_escape/* escapeMarkdown */.FV)(item.findingId, 100),
        (0,report_escape/* escapeMarkdown */.FV)(item.package ?? 'all', 100),
        item.severity,
        (0,report_escape/* escapeMarkdown */.FV)(item.reason, 300),
        (0,report_escape/* escapeMarkdown */.FV)(item.expires ?? 'never', 40),
        (0,report_escape/* escapeMarkdown */.FV)(ignoredByText(item), 300),
    ]);
}
/** `<details><summary>…</summary>` + blank line, so GitHub renders the Markdown inside. */
const detailsOpen = (summary, open = false) => `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n`;
const DETAILS_CLOSE = '\n</details>\n';
const summaryText = (text) => (0,report_escape/* escapeHtmlText */.SC)(text, 300);
/** `2 high, 14 medium, …` from counts, skipping zeros. */
function countsText(image) {
    const parts = model/* SEVERITIES */.oC.map((s) => [s.toLowerCase(), image.scan.counts[s.toLowerCase()]])
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${n} ${s}`);
    return parts.length ? parts.join(', ') : 'none';
}
/** Adds text while a byte budget allows; counts what it had to refuse. */
class ByteBudget {
    left;
    measure;
    constructor(left, measure = report_escape/* utf8Bytes */.dy) {
        this.left = left;
        this.measure = measure;
    }
    fits(text) {
        return this.measure(text) <= this.left;
    }
    take(text) {
        const size = this.measure(text);
        if (size > this.left)
            return false;
        this.left -= size;
        return true;
    }
    /** Takes the size unconditionally (text that must appear). */
    force(text) {
        this.left -= this.measure(text);
    }
}


;// CONCATENATED MODULE: ./src/report/sweep.ts


const MAX_ROWS = 200;
/** Rows where a rule fired, most rules first, then newest. */
function rowsToLookAt(rows) {
    return rows
        .filter((row) => row.rules.length > 0)
        .sort((a, b) => b.rules.length - a.rules.length || b.lastTime.localeCompare(a.lastTime));
}
const who = (row) => row.principal === row.user ? row.user : `${row.user} (${row.principal})`;
function readsLine(sweep) {
    const cut = sweep.reads.filter((r) => !r.complete);
    const missing = cut.length
        ? `; **not complete**: ${cut.map((r) => `${r.region}: ${r.error ?? 'cut short'}`).join('; ')}`
        : '';
    return (`Sweep \`${sweep.window}\` (${sweep.start} to ${sweep.end}) over ${sweep.regions.join(', ')}: ` +
        `${sweep.events} PutImage event(s) in ${sweep.rows.length} row(s)` +
        (sweep.duplicates > 0 ? `, ${sweep.duplicates} read twice and counted once` : '') +
        missing);
}
/**
 * Markdown section for the job summary; '' outside sweep mode. Rows stop where `budget` (bytes,
 * shared with the rest of the summary's header) runs out, and the section says so.
 */
function renderSweepMarkdown(report, budget = new ByteBudget(Infinity)) {
    const sweep = report.sweep;
    if (!sweep)
        return '';
    const look = rowsToLookAt(sweep.rows);
    let out = `\n### Pushers that need a look (${look.length} of ${sweep.rows.length} rows)\n\n`;
    out += `${(0,report_escape/* escapeMarkdown */.FV)(readsLine(sweep), 4000)}\n\n`;
    if (look.length === 0)
        return `${out}Every push in the window was by a known or baseline principal.\n`;
    out += tableHead([
        'rules',
        'user',
        'image',
        'imageTag',
        'region',
        'src_ip',
        'count',
        'firstTime',
        'lastTime',
    ]);
    let shown = 0;
    for (const row of look.slice(0, MAX_ROWS)) {
        const line = tableRow([
            row.rules.join(', '),
            (0,report_escape/* markdownCode */.D9)(who(row), 300),
            (0,report_escape/* markdownCode */.D9)(`${row.registryId}/${row.image}`, 300),
            row.imageTag === undefined ? '(untagged)' : (0,report_escape/* markdownCode */.D9)(row.imageTag, 128),
            // The event's own awsRegion: CloudTrail text, escaped like every other field.
            (0,report_escape/* escapeMarkdown */.FV)(row.awsRegion, 40),
            (0,report_escape/* escapeMarkdown */.FV)(row.src_ip, 100),
            String(row.count),
            row.firstTime,
            row.lastTime,
        ]);
        if (!budget.take(line))
            break;
        out += line;
        shown += 1;
    }
    if (look.length > shown)
        out += `\n${look.length - shown} more rows in the JSON report.\n`;
    return out;
}
/** Lines for the terminal and the step log; [] outside sweep mode. */
function renderSweepText(report) {
    const sweep = report.sweep;
    if (!sweep)
        return [];
    const lines = ['', (0,report_escape/* escapeTerminal */.en)(readsLine(sweep).replace(/\*\*|`/g, ''), 4000)];
    const look = rowsToLookAt(sweep.rows);
    if (look.length > 0)
        lines.push(`pushers that need a look (${look.length}):`);
    for (const row of look.slice(0, 50)) {
        lines.push(`  ${row.rules.join(', ')}: ${(0,report_escape/* escapeTerminal */.en)(who(row), 300)} pushed ` +
            `${(0,report_escape/* escapeTerminal */.en)(`${row.image}:${row.imageTag ?? '(untagged)'}`, 300)} in ${(0,report_escape/* escapeTerminal */.en)(row.awsRegion, 40)} ` +
            `${row.count}× ${row.firstTime}..${row.lastTime} from ${(0,report_escape/* escapeTerminal */.en)(row.src_ip, 100)}`);
    }
    if (look.length > 50)
        lines.push(`  +${look.length - 50} more in the JSON report`);
    return lines;
}

;// CONCATENATED MODULE: ./src/report/compare.ts




// `compare-to` (issue 14 §1) on the human surfaces: the summary and the PR comment lead with what
// this release adds and what it fixes; finding tables list new rows first.
const MARK_RANK = { new: 0, unchanged: 1 };
/** New rows first, then the usual most-severe-first order. */
function compareByMark(a, b) {
    const rank = (d) => (d.compare ? MARK_RANK[d.compare] : 2);
    return rank(a) - rank(b) || compareFindings(a, b);
}
/** `3 new, 40 unchanged, 2 fixed` of one image, or why it was not compared. */
function comparisonText(c) {
    const counts = `${c.new} new, ${c.unchanged} unchanged, ${c.fixed.length} fixed`;
    return c.status === 'compared'
        ? counts
        : `not compared (${c.reason ?? 'reference unreadable'}): every finding counted as new`;
}
function fixedText(f) {
    const packages = f.packages.slice(0, 3).join(', ') + (f.packages.length > 3 ? ', …' : '');
    return `${f.id} (${f.severity.toLowerCase()}${packages ? `, ${packages}` : ''})`;
}
/**
 * `### New in this release against <reference>`: the verdict of the comparison, a table of the new
 * findings (most severe first), then what this release fixes. Empty when compare-to is not set.
 */
function renderCompareSection(report, budget, options) {
    const compareTo = report.compareTo;
    if (!compareTo)
        return '';
    const indexes = options.imageIndexes ?? report.images.map((_, i) => i);
    const reference = (0,report_escape/* markdownCode */.D9)(compareTo.reference, 300);
    let out = `### New in this release against ${reference}\n\n`;
    const unreadable = indexes.flatMap((i) => {
        const c = report.images[i]?.compare;
        return c && c.status !== 'compared' ? [{ i, c }] : [];
    });
    for (const { i, c } of unreadable.slice(0, 10)) {
        const image = report.images[i];
        const which = indexes.length > 1 && image ? ` for ${(0,report_escape/* markdownCode */.D9)(imageLabel(image), 200)}` : '';
        out += `> ⚠️ **The reference could not be used${which}:** ${(0,report_escape/* escapeMarkdown */.FV)(c.reason ?? 'unknown reason', 500)}. Every finding is counted as new (absolute counts), so the gate fails as it would without compare-to.\n\n`;
    }
    // Images whose reference was unusable are all "new" (absolute counts): listing every finding
    // of theirs here would bury what the compared images add; their own tables follow.
    const compared = indexes.flatMap((i) => {
        const c = report.images[i]?.compare;
        return c?.status === 'compared' ? [c] : [];
    });
    if (compared.length === 0) {
        budget.force(out);
        return out;
    }
    const sum = (f) => compared.reduce((n, c) => n + f(c), 0);
    const level = compareTo.unchanged === 'fail' ? 'keep their level' : `are at most ${compareTo.unchanged}`;
    out += `**${plural(sum((c) => c.new), 'new finding')}** · ${sum((c) => c.unchanged)} unchanged (they ${level}) · **${plural(sum((c) => c.fixed.length), 'finding')} fixed** by this release\n\n`;
    if (indexes.length > 1) {
        for (const i of indexes) {
            const image = report.images[i];
            if (image?.compare) {
                out += `- ${(0,report_escape/* markdownCode */.D9)(imageLabel(image), 200)}: ${(0,report_escape/* escapeMarkdown */.FV)(comparisonText(image.compare), 600)}\n`;
            }
        }
        out += '\n';
    }
    budget.force(out);
    const rows = indexes
        .filter((i) => report.images[i]?.compare?.status === 'compared')
        .flatMap((i) => detectionsOf(report, i))
        .filter((d) => !d.ignored && d.compare === 'new' && isFindingRule(d.rule))
        .sort(compareFindings);
    if (rows.length > 0 && budget.take(FINDING_HEAD)) {
        out += FINDING_HEAD;
        let shown = 0;
        for (const d of rows.slice(0, options.maxNewRows)) {
            const row = findingRow(d);
            if (!budget.take(row))
                break;
            out += row;
            shown += 1;
        }
        if (rows.length > shown) {
            out += `\n_${plural(rows.length - shown, 'more new finding')} below and in the JSON report._\n`;
        }
        out += '\n';
    }
    const fixed = compared.flatMap((c) => c.fixed);
    if (fixed.length > 0) {
        const names = fixed.slice(0, options.maxFixed).map((f) => (0,report_escape/* escapeMarkdown */.FV)(fixedText(f), 300));
        const more = fixed.length - names.length;
        const line = `**Fixed by this release:** ${names.join(', ')}${more > 0 ? `, and ${more} more (JSON report)` : ''}\n\n`;
        if (budget.take(line))
            out += line;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/report/summary.ts






/** Under GitHub's 1 MiB (1,048,576 bytes) with room for whatever else the step appends. */
const SUMMARY_MAX_BYTES = 1_000_000;
const MAX_REASONS = 20;
const MAX_WARNINGS = 50;
const MAX_COMBINED_ROWS = 200;
const MAX_IGNORED_ROWS = 500;
// A reader wants the worst findings, not a 5,000-row table (1 MiB of them took 0.3 s to build
// for 20,000 findings); the JSON report and SARIF have every one.
const MAX_FINDING_ROWS = 1_000;
const MAX_FINDING_ROWS_TEXT = thousands(MAX_FINDING_ROWS);
// Fixed sections get fixed byte shares so hostile text in them cannot crowd out the images.
const HEADER_BYTES = 60_000;
const COMBINED_BYTES = 150_000;
const WARNINGS_BYTES = 100_000;
const LEFT_OUT_RESERVE = 4_000;
const COMPARE_BYTES = 150_000;
const SWEEP_BYTES = 150_000;
/**
 * The job summary: overall verdict, a combined table when there are several images, then per
 * image its verdict, facts, severity counts, uploader, the deciding detections, the findings
 * table and the ignored findings (long tables folded), then warnings and one line for whatever
 * the byte budget left out. Always under `maxBytes` (default 1,000,000 bytes).
 */
function renderSummary(report, options = {}) {
    const maxBytes = options.maxBytes ?? SUMMARY_MAX_BYTES;
    const left = { images: 0, findings: 0, ignored: 0, warnings: 0, combinedRows: 0 };
    // A sweep leads with the pushers that need a look (issue 15); compare-to with what this
    // release adds and fixes, before any per-image detail.
    const header = renderHeader(report, new ByteBudget(HEADER_BYTES)) +
        renderSweepMarkdown(report, new ByteBudget(SWEEP_BYTES)) +
        renderCompareSection(report, new ByteBudget(COMPARE_BYTES), { maxNewRows: 100, maxFixed: 50 });
    const combined = report.images.length > 1 ? renderCombined(report, left, new ByteBudget(COMBINED_BYTES)) : '';
    const warnings = renderWarnings(report, left, new ByteBudget(WARNINGS_BYTES));
    const budget = new ByteBudget(maxBytes - LEFT_OUT_RESERVE);
    const notes = (options.stepNotes ?? [])
        .slice(0, 10)
        .map((note) => `> ⚠️ ${(0,report_escape/* escapeMarkdown */.FV)(note, 1000)}\n`)
        .join('');
    const footer = (notes ? `\n${notes}` : '') +
        reportPointer(options.reportFile, options.reportFileTemporary ?? false);
    budget.force(header + combined + warnings + footer);
    // The core of each image first, so a flood of findings in one image cannot push another
    // image's verdict out; findings and ignores then share what is left.
    const cores = [];
    report.images.forEach((_, index) => {
        const core = renderImageCore(report, index);
        if (budget.take(core))
            cores.push({ index, text: core });
        else
            left.images += 1;
    });
    const ignoredParts = new Map();
    cores.forEach(({ index }, i) => {
        const share = new ByteBudget(Math.floor(budget.left / (cores.length - i)));
        const text = renderIgnored(report, index, share, left);
        budget.force(text);
        ignoredParts.set(index, text);
    });
    const findingParts = new Map();
    cores.forEach(({ index }, i) => {
        const share = new ByteBudget(Math.floor(budget.left / (cores.length - i)));
        const text = renderFindings(report, index, share, left);
        budget.force(text);
        findingParts.set(index, text);
    });
    let out = header + combined;
    for (const { index, text } of cores) {
        out += text + (findingParts.get(index) ?? '') + (ignoredParts.get(index) ?? '');
    }
    out += warnings + renderLeftOut(left, options.reportFile ?? null) + footer;
    return out;
}
/**
 * Where the complete JSON report is and how to keep it: the default path is under
 * RUNNER_TEMP, which the runner empties when the job ends.
 */
function reportPointer(reportFile, temporary) {
    if (!reportFile)
        return '';
    const keep = temporary
        ? " It is in the runner's temporary directory and is deleted when the job ends: keep it with an `actions/upload-artifact` step (`path: ${{ steps.<id>.outputs.report-file }}`)."
        : ' Keep it with an `actions/upload-artifact` step (`path: ${{ steps.<id>.outputs.report-file }}`).';
    return `\n<sub>Full JSON report: ${(0,report_escape/* markdownCode */.D9)(reportFile, 300)}.${keep}</sub>\n`;
}
function renderHeader(report, budget) {
    const threshold = report.riskThreshold === null ? 'no risk-threshold' : `risk-threshold ${report.riskThreshold}`;
    const mode = report.mode === 'audit' ? 'audit mode: reported only, the step does not fail' : 'enforce mode';
    let out = `## ${RESULT_ICON[report.result]} ecr-risk-gate: ${report.result}\n\n`;
    out += `**${report.result}** in ${mode} · total risk score **${thousands(report.riskScore)}** (${threshold}) · ${plural(report.images.length, 'image')}\n\n`;
    if (report.error)
        out += `> **Could not evaluate:** ${(0,report_escape/* escapeMarkdown */.FV)(report.error, 2000)}\n\n`;
    budget.force(out);
    let shown = 0;
    for (const reason of report.reasons.slice(0, MAX_REASONS)) {
        const line = `- ${(0,report_escape/* escapeMarkdown */.FV)(reason, 500)}\n`;
        if (!budget.take(line))
            break;
        out += line;
        shown += 1;
    }
    if (report.reasons.length > shown) {
        out += `- and ${report.reasons.length - shown} more reasons (see the JSON report)\n`;
    }
    return `${out}\n`;
}
function renderCombined(report, left, budget) {
    let out = '### Images\n\n';
    // Five columns, the uploader before the counts: with ten columns GitHub's page scrolled the
    // Uploader column out of sight once image labels grew (12 images in the red-team run).
    out += 'Findings: critical / high / medium / low / informational / undefined.\n\n';
    out += tableHead(['Image', 'Result', 'Risk', 'Uploader', 'Findings'], ['left', 'left', 'right', 'left', 'right']);
    let shown = 0;
    for (const image of report.images.slice(0, MAX_COMBINED_ROWS)) {
        const c = image.scan.counts;
        const row = tableRow([
            (0,report_escape/* markdownCode */.D9)(imageLabel(image), 200),
            `${RESULT_ICON[image.result]} ${image.result}`,
            thousands(image.riskScore),
            image.uploader.status,
            [c.critical, c.high, c.medium, c.low, c.informational, c.undefined]
                .map(thousands)
                .join(' / '),
        ]);
        if (!budget.take(row))
            break;
        out += row;
        shown += 1;
    }
    left.combinedRows += report.images.length - shown;
    return `${out}\n`;
}
function renderImageCore(report, index) {
    const image = report.images[index];
    if (!image)
        return '';
    let out = `### ${RESULT_ICON[image.result]} ${(0,report_escape/* escapeMarkdown */.FV)(imageLabel(image), 300)}\n\n`;
    out += `${verdictLine(report, index)}\n\n`;
    out += `${imageFacts(image)}\n\n`;
    out += severityTable(image);
    out += `\n${uploaderLine(image)}\n\n`;
    if (image.compare) {
        const against = (0,report_escape/* markdownCode */.D9)(report.compareTo?.reference ?? 'the reference', 300);
        out += `**Against ${against}:** ${(0,report_escape/* escapeMarkdown */.FV)(comparisonText(image.compare), 800)}\n\n`;
    }
    out += `#### Detections that decide the result\n\n${decidingTable(detectionsOf(report, index))}\n`;
    return out;
}
function renderFindings(report, index, budget, left) {
    const image = report.images[index];
    const rows = detectionsOf(report, index).filter((d) => !d.ignored && isFindingRule(d.rule));
    if (!image || rows.length === 0)
        return '';
    const head = detailsOpen(summaryText(`Findings: ${rows.length} (${countsText(image)})`), rows.length <= 20);
    const shell = head + FINDING_HEAD + DETAILS_CLOSE + 'x'.repeat(200);
    if (!budget.take(shell)) {
        left.findings += rows.length;
        return '';
    }
    let body = '';
    let shown = 0;
    let full = false;
    const order = report.compareTo ? compareByMark : compareFindings;
    for (const d of topSorted(rows, order, MAX_FINDING_ROWS)) {
        const row = findingRow(d);
        if (!budget.take(row)) {
            full = true;
            break;
        }
        body += row;
        shown += 1;
    }
    const missing = rows.length - shown;
    // Only what the byte budget cut goes into the final "left out to stay under 1 MiB" line.
    if (full)
        left.findings += missing;
    const why = full ? 'size limit' : `the table shows the ${MAX_FINDING_ROWS_TEXT} most severe`;
    const note = missing > 0
        ? `\n_${plural(missing, 'finding')} of this image left out here (${why}); the JSON report has all ${rows.length}._\n`
        : '';
    return `${head}${FINDING_HEAD}${body}${note}${DETAILS_CLOSE}\n`;
}
function renderIgnored(report, index, budget, left) {
    const items = report.ignored.filter((i) => i.imageIndex === index);
    if (items.length === 0)
        return '';
    const head = detailsOpen(summaryText(`Ignored findings: ${items.length} (reason and expiry)`));
    const shell = head + IGNORED_HEAD + DETAILS_CLOSE + 'x'.repeat(200);
    if (!budget.take(shell)) {
        left.ignored += items.length;
        return '';
    }
    let body = '';
    let shown = 0;
    for (const item of items.slice(0, MAX_IGNORED_ROWS)) {
        const row = ignoredRow(item);
        if (!budget.take(row))
            break;
        body += row;
        shown += 1;
    }
    const missing = items.length - shown;
    left.ignored += missing;
    const note = missing > 0 ? `\n_${plural(missing, 'ignored finding')} left out here._\n` : '';
    return `${head}${IGNORED_HEAD}${body}${note}${DETAILS_CLOSE}\n`;
}
function renderWarnings(report, left, budget) {
    if (report.warnings.length === 0)
        return '';
    let out = `### Warnings\n\n`;
    let shown = 0;
    for (const w of report.warnings.slice(0, MAX_WARNINGS)) {
        const line = `- ⚠️ \`${w.code}\` ${(0,report_escape/* escapeMarkdown */.FV)(w.message, 1000)}\n`;
        if (!budget.take(line))
            break;
        out += line;
        shown += 1;
    }
    left.warnings += report.warnings.length - shown;
    return `${out}\n`;
}
function renderLeftOut(left, reportFile) {
    const parts = [
        left.images ? plural(left.images, 'image section') : '',
        left.findings ? plural(left.findings, 'finding row') : '',
        left.ignored ? plural(left.ignored, 'ignored finding row') : '',
        left.warnings ? plural(left.warnings, 'warning') : '',
        left.combinedRows ? plural(left.combinedRows, 'image row') : '',
    ].filter(Boolean);
    if (parts.length === 0)
        return '';
    const where = reportFile ? `: ${(0,report_escape/* markdownCode */.D9)(reportFile, 200)}` : '';
    return `> **Left out to stay under GitHub's 1 MiB job summary limit:** ${parts.join(', ')}. The JSON report has everything${where}.\n`;
}

;// CONCATENATED MODULE: ./src/report/text.ts






const ANSI = {
    reset: '\u001b[0m',
    bold: '\u001b[1m',
    dim: '\u001b[2m',
    red: '\u001b[31m',
    green: '\u001b[32m',
    yellow: '\u001b[33m',
    magenta: '\u001b[35m',
    cyan: '\u001b[36m',
};
const RESULT_STYLE = {
    pass: 'green',
    warn: 'yellow',
    fail: 'red',
};
const SEVERITY_STYLE = {
    CRITICAL: 'magenta',
    HIGH: 'red',
    MEDIUM: 'yellow',
    LOW: 'cyan',
    INFORMATIONAL: 'dim',
    UNDEFINED: 'dim',
};
/**
 * The CLI's terminal report: verdict, risk, per image the severity table, uploader, deciding
 * detections and top findings, then warnings. Scanner text cannot drive the terminal (control
 * characters are shown, not sent) nor the runner log (no line starts with `::`).
 */
function renderText(report, options) {
    const paint = (style, text) => options.color ? `${ANSI[style]}${text}${ANSI.reset}` : text;
    const bold = (text) => paint('bold', text);
    const top = options.topFindings ?? 10;
    const more = options.reportFile === null ? 'more (--format json lists all)' : 'more in the JSON report';
    const lines = [];
    const threshold = report.riskThreshold === null ? 'no risk-threshold' : `risk-threshold ${report.riskThreshold}`;
    lines.push(`${bold('ecr-risk-gate')} ${(0,report_escape/* escapeTerminal */.en)(report.tool.version, 40)}: ${paint(RESULT_STYLE[report.result], bold(report.result.toUpperCase()))} (${report.mode}) · risk score ${bold(String(report.riskScore))} (${threshold}) · ${plural(report.images.length, 'image')}`);
    if (report.error)
        lines.push(`  ${paint('red', 'could not evaluate:')} ${(0,report_escape/* escapeTerminal */.en)(report.error, 2000)}`);
    for (const reason of report.reasons.slice(0, 20))
        lines.push(`  ${(0,report_escape/* escapeTerminal */.en)(reason, 500)}`);
    lines.push(...renderSweepText(report));
    report.images.forEach((image, index) => {
        lines.push('');
        lines.push(...imageBlock(report, image, index, top, paint, more));
    });
    if (report.warnings.length > 0) {
        lines.push('', bold('warnings:'));
        for (const w of report.warnings.slice(0, 50)) {
            lines.push(`  ${paint('yellow', w.code)}: ${(0,report_escape/* escapeTerminal */.en)(w.message, 500)}`);
        }
        if (report.warnings.length > 50)
            lines.push(`  +${report.warnings.length - 50} ${more}`);
    }
    return `${(0,report_escape/* neutralizeCommands */.Kw)(lines.join('\n'))}\n`;
}
function imageBlock(report, image, index, top, paint, more) {
    const lines = [];
    const detections = detectionsOf(report, index);
    lines.push(`${paint('bold', (0,report_escape/* escapeTerminal */.en)(imageLabel(image), 300))}  ${paint(RESULT_STYLE[image.result], image.result.toUpperCase())}  risk ${image.riskScore}`);
    if (report.images.length > 1) {
        for (const reason of imageReasons(report, index))
            lines.push(`  ${(0,report_escape/* escapeTerminal */.en)(reason, 500)}`);
    }
    lines.push(`  ${(0,report_escape/* escapeTerminal */.en)(`${registryHost(image)}/${image.repository}@${image.imageDigest}`, 400)}`);
    lines.push(`  scan: ${(0,report_escape/* escapeTerminal */.en)(`${image.scan.type ?? 'none'} ${image.scan.status}${image.scan.completedAt ? ` at ${image.scan.completedAt}` : ''}${image.scan.description && image.scan.status !== 'COMPLETE' ? `: ${image.scan.description}` : ''}`, 400)}`);
    const widths = model/* SEVERITIES */.oC.map((s) => Math.max(s.length, 5));
    lines.push(`  ${model/* SEVERITIES */.oC.map((s, i) => paint(SEVERITY_STYLE[s], s.padStart(widths[i] ?? 5))).join('  ')}`);
    lines.push(`  ${model/* SEVERITIES */.oC.map((s, i) => String(image.scan.counts[s.toLowerCase()]).padStart(widths[i] ?? 5)).join('  ')}`);
    lines.push(`  uploader: ${(0,report_escape/* escapeTerminal */.en)(uploaderSentence(image), 600)}`);
    if (image.compare) {
        // compare-to (issue 14 §1): what this release adds and fixes against the reference.
        const against = (0,report_escape/* escapeTerminal */.en)(report.compareTo?.reference ?? 'the reference', 300);
        lines.push(`  against ${against}: ${(0,report_escape/* escapeTerminal */.en)(comparisonText(image.compare), 600)}`);
        const fixed = image.compare.fixed;
        if (fixed.length > 0) {
            const names = fixed.slice(0, 5).map((f) => (0,report_escape/* escapeTerminal */.en)(fixedText(f), 200));
            lines.push(`  fixed by this release: ${names.join(', ')}${fixed.length > 5 ? ` +${fixed.length - 5} ${more}` : ''}`);
        }
    }
    const groups = orderedGroups(detections.filter((d) => !d.ignored && d.level !== 'off'), decidingKey, compareDetections, () => 1);
    if (groups.length > 0) {
        lines.push('  deciding detections:');
        for (const { members: group, top } of groups) {
            const first = top[0];
            const rule = `${first.rule}${markSuffix(first)}`;
            const risk = groupRisk(group);
            const what = isFindingRule(first.rule) ? '' : `  ${(0,report_escape/* escapeTerminal */.en)(first.message, 300)}`;
            const style = first.level === 'fail' ? 'red' : first.level === 'warn' ? 'yellow' : 'cyan';
            lines.push(`    ${paint(style, first.level.padEnd(6))} ${rule.padEnd(22)} ${String(group.length).padStart(5)}  risk ${String(risk).padStart(5)}${what}`);
        }
    }
    const findings = detections.filter((d) => !d.ignored && isFindingRule(d.rule));
    if (findings.length > 0) {
        lines.push(`  top findings (${Math.min(top, findings.length)} of ${findings.length}):`);
        const order = report.compareTo ? compareByMark : compareFindings;
        for (const d of topSorted(findings, order, top)) {
            const severity = severityOfRule(d.rule);
            const shown = d.scannerSeverity ?? severity;
            const packages = (d.packages ?? []).slice(0, 2).map(packageText).join(', ');
            const cvss = d.cvss === undefined ? '' : `  CVSS ${d.cvss.toFixed(1)}`;
            const signals = signalsText(d).replace(/^, /, '  ');
            // Under compare-to every row gets the column, so ids stay aligned.
            const mark = d.compare === 'new' ? `${paint('bold', 'new')} ` : report.compareTo ? '    ' : '';
            lines.push(`    ${paint(SEVERITY_STYLE[severity], shown.padEnd(13))} ${mark}${(0,report_escape/* escapeTerminal */.en)(d.findingId ?? 'finding', 80).padEnd(16)} ${(0,report_escape/* escapeTerminal */.en)(packages, 160)}${cvss}${signals}`);
        }
        if (findings.length > top)
            lines.push(`    +${findings.length - top} ${more}`);
    }
    const ignored = report.ignored.filter((i) => i.imageIndex === index);
    if (ignored.length > 0) {
        lines.push(`  ignored: ${plural(ignored.length, 'finding')}`);
        for (const item of ignored.slice(0, 5)) {
            lines.push(`    ${(0,report_escape/* escapeTerminal */.en)(item.findingId, 80)}${item.package ? ` (${(0,report_escape/* escapeTerminal */.en)(item.package, 80)})` : ''}: ${(0,report_escape/* escapeTerminal */.en)(item.reason, 200)}${item.expires ? ` until ${(0,report_escape/* escapeTerminal */.en)(item.expires, 40)}` : ''} [${(0,report_escape/* escapeTerminal */.en)(ignoredByText(item), 300)}]`);
        }
        if (ignored.length > 5)
            lines.push(`    +${ignored.length - 5} ${more}`);
    }
    return lines;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/report/pr-comment.ts





/** GitHub refuses comment bodies over 65,536 characters; keep a margin. */
const COMMENT_MAX_CHARS = 65_000;
const pr_comment_TOP_FINDINGS = 30;
/** `<registry host>/<repository>[:variant]`, kept to characters that cannot end an HTML comment. */
function prCommentKey(image, variant) {
    const raw = `${registryHost(image)}/${image.repository}${variant ? `:${variant}` : ''}`;
    return safeKey(raw);
}
const safeKey = (raw) => raw
    .slice(0, 300)
    .replace(/[^A-Za-z0-9._/:@+-]/g, '_')
    .replace(/-{2,}/g, '-');
/** The hidden marker that identifies the comment: `<!-- ecr-risk-gate:<key> -->`. */
const prCommentMarker = (key) => `<!-- ecr-risk-gate:${key} -->`;
/** One comment per key, images in report order. */
function renderPrComments(report, options = {}) {
    const groups = new Map();
    const jobKey = options.jobKey === undefined ? undefined : `job:${safeKey(options.jobKey)}`;
    report.images.forEach((image, index) => {
        const key = jobKey ?? prCommentKey(image, options.variant);
        groups.set(key, [...(groups.get(key) ?? []), index]);
    });
    return [...groups].map(([key, imageIndexes]) => ({
        key,
        marker: prCommentMarker(key),
        imageIndexes,
        body: renderPrComment(report, imageIndexes, key, options),
    }));
}
const WORST = ['fail', 'warn', 'pass'];
/**
 * A concise comment: marker, verdict, then per image the severity counts, uploader and deciding
 * detections, and the top findings folded away, within `maxChars` (default 65,000).
 */
function renderPrComment(report, imageIndexes, key, options = {}) {
    const maxChars = options.maxChars ?? COMMENT_MAX_CHARS;
    const images = imageIndexes.flatMap((i) => (report.images[i] ? [report.images[i]] : []));
    const result = WORST.find((r) => images.some((i) => i.result === r)) ?? 'pass';
    const risk = images.reduce((sum, i) => sum + i.riskScore, 0);
    const repositories = new Set(images.map((i) => i.repository));
    const repository = repositories.size > 1 ? plural(images.length, 'image') : (images[0]?.repository ?? key);
    const marker = prCommentMarker(key);
    let head = `${marker}\n### ${RESULT_ICON[result]} ecr-risk-gate: ${(0,report_escape/* escapeMarkdown */.FV)(repository, 300)} — ${result}\n\n`;
    const audit = report.mode === 'audit' ? ' · audit mode (does not fail the job)' : '';
    // One image: its own verdict line says it all; several: the group's first, then each one's.
    if (images.length > 1) {
        const what = repositories.size > 1 ? 'image' : 'platform image';
        head += `**${result}** · risk score **${risk}** · ${plural(images.length, what)}${audit}\n\n`;
    }
    else if (audit) {
        head += `${audit.slice(3)}\n\n`;
    }
    if (report.error)
        head += `> **Could not evaluate:** ${(0,report_escape/* escapeMarkdown */.FV)(report.error, 1000)}\n\n`;
    const run = options.runUrl ? (0,report_escape/* markdownLink */.iQ)('workflow run', options.runUrl) : '';
    const where = run.startsWith('[')
        ? `the ${run}'s job summary and JSON report have every finding`
        : 'the job summary and the JSON report have every finding';
    const footer = `\n<sub>ecr-risk-gate ${(0,report_escape/* escapeMarkdown */.FV)(report.tool.version, 40)} · ${(0,report_escape/* escapeMarkdown */.FV)(report.generatedAt, 40)} · updated in place on every run; ${where}.</sub>\n`;
    // compare-to: what this release adds and fixes leads the comment (at most a fifth of it).
    head += renderCompareSection(report, new ByteBudget(Math.floor(maxChars / 5), (text) => text.length), { imageIndexes, maxNewRows: 20, maxFixed: 20 });
    const budget = new ByteBudget(maxChars, (text) => text.length);
    budget.force(head + footer);
    let left = 0;
    const cores = imageIndexes.map((index) => {
        const core = imageCore(report, index, images.length > 1);
        if (budget.take(core))
            return { index, core };
        left += 1;
        return { index, core: '' };
    });
    let body = head;
    cores.forEach(({ index, core }, i) => {
        if (!core)
            return;
        const share = new ByteBudget(Math.floor(budget.left / (cores.length - i)), (t) => t.length);
        const findings = topFindings(report, index, share);
        budget.force(findings);
        body += core + findings;
    });
    if (left > 0)
        body += `\n_${plural(left, 'platform image')} left out of this comment (size limit)._\n`;
    return body + footer;
}
function imageCore(report, index, several) {
    const image = report.images[index];
    if (!image)
        return '';
    let out = several
        ? `#### ${RESULT_ICON[image.result]} ${(0,report_escape/* escapeMarkdown */.FV)(imageLabel(image), 300)}\n\n`
        : '';
    out += `${verdictLine(report, index)}\n\n`;
    out += `${imageFacts(image)}\n\n`;
    out += severityTable(image);
    out += `\n${uploaderLine(image)}\n\n`;
    if (image.compare)
        out += `**Against the reference:** ${(0,report_escape/* escapeMarkdown */.FV)(comparisonText(image.compare), 800)}\n\n`;
    out += `${decidingTable(detectionsOf(report, index), 3)}\n`;
    return out;
}
function topFindings(report, index, budget) {
    const image = report.images[index];
    const active = detectionsOf(report, index).filter((d) => !d.ignored && d.level !== 'off' && isFindingRule(d.rule));
    if (!image || active.length === 0)
        return '';
    const all = detectionsOf(report, index).filter((d) => !d.ignored && isFindingRule(d.rule)).length;
    const head = (shown) => detailsOpen(summaryText(`Top findings: ${shown} of ${all} (${countsText(image)})`));
    const shell = head(active.length) + FINDING_HEAD + DETAILS_CLOSE;
    if (!budget.take(shell))
        return '';
    const note = (n) => n > 0
        ? `\n_${n} more ${n === 1 ? 'finding is' : 'findings are'} not listed here; the job summary and the JSON report have every one._\n`
        : '';
    budget.force(note(all));
    let body = '';
    let shown = 0;
    const order = report.compareTo ? compareByMark : compareFindings;
    for (const d of topSorted(active, order, pr_comment_TOP_FINDINGS)) {
        const row = findingRow(d);
        if (!budget.take(row))
            break;
        body += row;
        shown += 1;
    }
    return `${head(shown)}${FINDING_HEAD}${body}${note(all - shown)}${DETAILS_CLOSE}\n`;
}

;// CONCATENATED MODULE: ./src/github/identity.ts
/**
 * Who the token is, so that only the gate's own sticky comment is ever edited: a comment that
 * starts with the marker but was written by anyone else (a PR participant, another bot) is
 * someone else's text, never ours to overwrite (hijack) nor a reason not to write ours
 * (suppression).
 *
 * GraphQL `viewer` answers for personal tokens and for installation tokens alike
 * (fullsend-ai/fullsend#1953: `viewer` returns `<app>[bot]` and its `databaseId` with an
 * installation token), while REST `GET /user` answers 403 "Resource not accessible by
 * integration" for installation tokens such as the workflow's GITHUB_TOKEN
 * (actions/create-github-app-token#258, cli/cli#1489). When `viewer` cannot be read either,
 * the token is taken for GITHUB_TOKEN, whose comments are authored by `github-actions[bot]`,
 * user id 41898282 (the id in the noreply address actions/checkout documents for it:
 * `41898282+github-actions[bot]@users.noreply.github.com`).
 */
const GITHUB_ACTIONS_BOT = {
    login: 'github-actions[bot]',
    id: 41898282,
    source: 'github-actions-default',
};
/** `viewer` through the given GraphQL client; GITHUB_TOKEN's bot when it gives no answer. */
async function resolveIdentity(graphql) {
    let answer;
    try {
        answer = await graphql('query { viewer { login databaseId } }');
    }
    catch (error) {
        // Bad credentials fail every later call too: let the caller report that once.
        if (statusOf(error) === 401)
            throw error;
        return GITHUB_ACTIONS_BOT;
    }
    const viewer = answer?.viewer;
    if (typeof viewer?.login !== 'string' || viewer.login === '')
        return GITHUB_ACTIONS_BOT;
    const id = viewer.databaseId;
    return {
        login: viewer.login,
        id: typeof id === 'number' && Number.isSafeInteger(id) ? id : null,
        source: 'viewer',
    };
}
/** True when `author` is the token's identity. */
function isAuthoredBy(author, me) {
    if (!author)
        return false;
    if (me.id !== null && typeof author.id === 'number')
        return author.id === me.id;
    // GraphQL names a bot `name` where REST says `name[bot]`; only a bot may match that way.
    const bare = (login) => login.toLowerCase().replace(/\[bot\]$/, '');
    if (typeof author.login !== 'string')
        return false;
    if (author.login.toLowerCase() === me.login.toLowerCase())
        return true;
    return author.type === 'Bot' && bare(author.login) === bare(me.login);
}
function statusOf(error) {
    const status = typeof error === 'object' && error !== null ? error.status : null;
    return typeof status === 'number' ? status : null;
}

;// CONCATENATED MODULE: ./src/github/pr-comment.ts






const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
const DEFAULT_MAX_PAGES = 30;
const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * One sticky comment per image on `pull_request` / `pull_request_target` events: the comment
 * carrying the image's marker is updated in place, else one is created; never a second one.
 * Never throws and never changes the result: a comment that cannot be written (a fork's
 * read-only token, a missing `pull-requests: write`) comes back as a warning naming the
 * permission. Returns the warnings.
 */
async function publishPrComments(report, token, options = {}) {
    return (await publishPrCommentsDetailed(report, token, options)).warnings;
}
async function publishPrCommentsDetailed(report, token, options = {}) {
    const env = options.env ?? process.env;
    const result = { skipped: null, published: [], warnings: [] };
    let context;
    try {
        context = options.context ?? contextFromEnv(env);
    }
    catch (error) {
        result.warnings.push(`PR comment not written: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return result;
    }
    if (!PR_EVENTS.has(context.eventName) || context.prNumber === null) {
        result.skipped = `not a pull request event (${context.eventName || 'unknown'})`;
        return result;
    }
    const runUrl = workflowRunUrl(env);
    const comments = renderPrComments(report, {
        ...(options.variant ? { variant: options.variant } : {}),
        ...(options.perImage ? {} : { jobKey: options.commentKey || defaultCommentKey(report, env) }),
        ...(runUrl ? { runUrl } : {}),
    });
    if (comments.length === 0) {
        result.skipped = 'no image to comment on';
        return result;
    }
    try {
        await publish(comments, token, context, options, env, result);
    }
    catch (error) {
        result.warnings.push(describeFailure(error, comments, context, token));
    }
    return result;
}
async function publish(comments, token, context, options, env, result) {
    const baseUrl = (0,report_escape/* withoutTrailingSlashes */.A$)(options.baseUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com');
    // Loaded here, inside the caller's try: @actions/github parses GITHUB_EVENT_PATH as it loads,
    // and a payload that is not JSON must cost a warning, not the whole step.
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(token, { baseUrl });
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const request = () => ({ signal: AbortSignal.timeout(timeoutMs) });
    const { owner, repo } = context;
    const issue_number = context.prNumber;
    // Once per run, before any comment is read: whose comments are ours.
    const me = await resolveIdentity((query) => octokit.graphql(query, { request: request() }));
    const existing = await findExisting(comments.map((c) => c.marker), me, (page) => octokit.rest.issues.listComments({
        owner,
        repo,
        issue_number,
        per_page: 100,
        page,
        request: request(),
    }), options.maxPages ?? DEFAULT_MAX_PAGES);
    for (const comment of comments) {
        const found = existing.get(comment.marker);
        if (found !== undefined) {
            await octokit.rest.issues.updateComment({
                owner,
                repo,
                comment_id: found,
                body: comment.body,
                request: request(),
            });
            result.published.push({ key: comment.key, action: 'updated', id: found });
        }
        else {
            const created = await octokit.rest.issues.createComment({
                owner,
                repo,
                issue_number,
                body: comment.body,
                request: request(),
            });
            const id = created.data?.id;
            if (typeof id !== 'number')
                throw new Error('GitHub answered the new comment with something that is not a comment');
            result.published.push({ key: comment.key, action: 'created', id });
        }
    }
}
/**
 * The token's own comment that carries each marker at the start of its body (the oldest),
 * reading at most `maxPages` pages. A marker in anyone else's comment is ignored: anyone on the
 * pull request can post it, and the gate must neither edit their text nor stay silent.
 */
async function findExisting(markers, me, listPage, maxPages) {
    const best = new Map();
    const wanted = new Set(markers);
    for (let page = 1; page <= maxPages; page += 1) {
        const { data } = await listPage(page);
        // A proxy's error page or a broken answer must not be read character by character.
        if (!Array.isArray(data))
            throw new Error('GitHub answered the comment list with something that is not a list');
        for (const comment of data) {
            const marker = (comment.body ?? '').trimStart().split('\n', 1)[0]?.trim() ?? '';
            if (!wanted.has(marker) || best.has(marker) || !isAuthoredBy(comment.user, me))
                continue;
            best.set(marker, comment.id);
        }
        if (data.length < 100)
            break;
    }
    return best;
}
function pr_comment_statusOf(error) {
    if (typeof error === 'object' && error !== null && 'status' in error) {
        const status = error.status;
        if (typeof status === 'number')
            return status;
    }
    return null;
}
function describeFailure(error, comments, context, token) {
    const status = pr_comment_statusOf(error);
    const what = `PR comment for ${comments.map((c) => c.key).join(', ')} on ${context.owner}/${context.repo}#${context.prNumber ?? '?'} not written`;
    const detail = withoutCredentials((0,report_escape/* cleanLine */.Ow)((0,errors/* errorMessage */.gJ)(error), 300), token);
    // Octokit reports a connection that failed (reset, refused, timed out) as status 500 without a response.
    const answered = typeof error === 'object' &&
        error !== null &&
        'response' in error &&
        error.response !== undefined;
    if (status === 500 && !answered) {
        return `${what}: GitHub could not be reached (${detail}). The gate result is unchanged.`;
    }
    // GitHub answers an exhausted rate limit with 403 too: asking for a permission would mislead.
    if (status === 429 || (status === 403 && /rate limit/i.test(detail))) {
        return `${what}: GitHub's API rate limit was reached (HTTP ${status}: ${detail}). The next run writes the comment; the job summary has the report. The gate result is unchanged.`;
    }
    if (status === 403) {
        return `${what}: the token may not write pull-request comments (HTTP 403: ${detail}). Grant the job \`permissions: pull-requests: write\`. Pull requests from forks get a read-only GITHUB_TOKEN, so there the comment is skipped; the job summary still has the report. The gate result is unchanged.`;
    }
    if (status === 404) {
        return `${what}: the pull request or repository is not visible to the token (HTTP 404: ${detail}). The token needs \`pull-requests: write\` on this repository (a fork's token is read-only). The gate result is unchanged.`;
    }
    if (status === 401) {
        return `${what}: the github-token was rejected (HTTP 401: ${detail}). The gate result is unchanged.`;
    }
    return `${what}: ${status ? `HTTP ${status}: ` : ''}${detail}. The gate result is unchanged.`;
}
/**
 * The error text as it may be shown: Octokit puts the answer's `message` into the error, and a
 * proxy or a hostile server may echo the request headers there (a 401 body carrying
 * `Authorization: token ghs_…` reached the log in the red-team run). The token itself, any
 * credential-shaped word (GitHub's token prefixes: github.blog 2021-04-05 "Behind GitHub's new
 * authentication token formats") and whatever follows an authorization word are masked. The
 * text is already cut to 300 characters, so the patterns run on bounded input.
 */
function withoutCredentials(text, token) {
    let out = token.length >= 4 ? text.split(token).join('***') : text;
    out = out.replace(/\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+/g, '***');
    out = out.replace(/\b(authorization|proxy-authorization|token|bearer|basic)(\s*[:=]?\s*)[^\s,;"']+/gi, '$1$2***');
    return out;
}
/**
 * The key of a job's comment when `comment-key` is not set: workflow and job id, and a digest
 * of the images gated (registry, repository, platform; never tag or digest, so re-runs find
 * it). Matrix legs share the job id but gate different images, so each keeps its own comment.
 */
function defaultCommentKey(report, env) {
    const images = [
        ...new Set(report.images.map((i) => `${i.registryId}/${i.region}/${i.repository}/${i.platform ?? ''}`)),
    ].sort();
    const digest = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(images)).digest('hex').slice(0, 12);
    return `${env.GITHUB_WORKFLOW ?? ''}/${env.GITHUB_JOB ?? ''}/${digest}`;
}
/** The run's page, from the runner's default variables; null outside a runner. */
function workflowRunUrl(env) {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = env;
    if (!repo || !runId || !/^\d+$/.test(runId))
        return null;
    const attempt = env.GITHUB_RUN_ATTEMPT && /^\d+$/.test(env.GITHUB_RUN_ATTEMPT)
        ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
        : '';
    return `${(0,report_escape/* withoutTrailingSlashes */.A$)(server)}/${repo}/actions/runs/${runId}${attempt}`;
}
/** Event name, repository and pull-request number as the runner provides them. */
function contextFromEnv(env) {
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
    let prNumber = null;
    if (PR_EVENTS.has(eventName) && env.GITHUB_EVENT_PATH) {
        const payload = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        prNumber = pullRequestNumber(payload);
    }
    return { eventName, owner, repo, prNumber };
}
function pullRequestNumber(payload) {
    if (typeof payload !== 'object' || payload === null)
        return null;
    const pr = payload.pull_request;
    if (typeof pr === 'object' && pr !== null) {
        const n = pr.number;
        if (typeof n === 'number' && Number.isInteger(n) && n > 0)
            return n;
    }
    const n = payload.number;
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/runtime/files.ts
var files = __webpack_require__(2191);
;// CONCATENATED MODULE: ./src/runtime/dockerfile.ts



/** A Dockerfile is a few KB; anything bigger is not one worth anchoring on. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;
/**
 * Where annotations and SARIF results point when `dockerfile` is set: the final stage's FROM
 * line, with the path relative to the workspace as GitHub expects. An unreadable file (absent,
 * a link out of the workspace, not a regular file, too big) or one without FROM falls back to
 * unanchored results rather than failing the gate; main.ts warns about it by the input's name.
 */
function dockerfileAnchor(settings, env, cwd = process.cwd()) {
    if (!settings.dockerfile)
        return undefined;
    const base = env.GITHUB_WORKSPACE?.trim() || cwd;
    const absolute = (0,external_node_path_.resolve)(base, settings.dockerfile);
    let text;
    try {
        text = (0,files/* readWorkspaceFile */.sL)(settings.dockerfile, {
            input: 'dockerfile',
            workspace: base,
            maxBytes: MAX_DOCKERFILE_BYTES,
        });
    }
    catch {
        return undefined;
    }
    const fromLine = findFromLine(text);
    if (fromLine === null)
        return undefined;
    const path = (0,external_node_path_.relative)(base, absolute).split('\\').join('/');
    return { path: path.startsWith('..') ? settings.dockerfile : path, fromLine };
}

// EXTERNAL MODULE: ./src/inputs/invalid.ts
var invalid = __webpack_require__(7906);
;// CONCATENATED MODULE: ./src/report/json-read.ts

/**
 * A parsed JSON report in the shape the engine builds: a v2 finding that names its detection row
 * (`detection`) gets its `description` back from that row's `finding` ("<name>, <description>",
 * or the name alone when the description was empty). v1 reports already have it. Any other
 * version is refused by name, never guessed at.
 */
function expandJsonReport(parsed) {
    const version = parsed?.schemaVersion;
    if (version !== 1 && version !== 2) {
        throw new Error(`not an ecr-risk-gate JSON report: schemaVersion ${shownVersion(version)} (accepted: 1, 2)`);
    }
    const report = parsed;
    if (version === 1)
        return report;
    const rows = Array.isArray(report.detections) ? report.detections : [];
    for (const image of Array.isArray(report.images) ? report.images : []) {
        const findings = image?.scan?.findings;
        if (!Array.isArray(findings))
            continue;
        image.scan.findings = findings.map((entry) => {
            if (typeof entry !== 'object' || entry === null || !('detection' in entry))
                return entry;
            const { detection, ...finding } = entry;
            // A hostile file's row `finding` can be any JSON: only text gives a description back.
            const text = typeof detection === 'number' ? rows[detection]?.finding : undefined;
            const name = typeof finding.name === 'string' ? finding.name : '';
            const description = typeof text === 'string' ? descriptionFrom(text, name) : '';
            return { ...finding, description };
        });
    }
    return report;
}
/** As JSON would write it, bounded: a hostile file's version can be a megabyte of text. */
function shownVersion(version) {
    if (version === undefined)
        return 'missing';
    return typeof version === 'string' ? JSON.stringify(textOf(version, 40)) : textOf(version, 40);
}
/** The description inside a row's `finding` text ("<name>, <description>" or the name alone). */
function descriptionFrom(text, name) {
    if (text === name)
        return '';
    return text.startsWith(`${name}, `) ? text.slice(name.length + 2) : text;
}

;// CONCATENATED MODULE: ./src/report/json.ts

/** The JSON report's format version; see "Report schema v2" in README.md (v1: pretty, text twice). */
const JSON_SCHEMA_VERSION = 2;
/** Top-level keys in reading order; anything else (a field added later) follows, sorted. */
const TOP_LEVEL_ORDER = [
    'schemaVersion',
    'tool',
    'generatedAt',
    'mode',
    'result',
    'reasons',
    'riskScore',
    'riskThreshold',
    'error',
    'images',
    'detections',
    'ignored',
    'warnings',
    'calls',
    'durationMs',
];
/**
 * The complete report as compact JSON (`schemaVersion: 2`), never truncated: size limits apply to
 * the other surfaces, never to this file. Every finding's text is written once: detection rows
 * carry it (`finding` = "<name>, <description>", as the seed), so an `images[].scan.findings`
 * entry whose text a row of its image already holds drops its `description` and names that row
 * instead (`detection`: index into `detections`); `expandJsonReport` (json-read.ts) puts it back.
 * Rows are written as the engine built them (spread, not listed), so fields other rules add flow
 * through. The top level comes in reading order; nested objects keep the engine's order, fixed per
 * field set, so two runs diff cleanly. Lone surrogates come out as `\udXXX` escapes (valid JSON).
 */
function renderJsonReport(report) {
    return [...jsonReportChunks(report)].join('');
}
/**
 * The same text as `renderJsonReport`, produced lazily piece by piece, so a writer can render
 * and write the report (20,000 findings) a few hundred rows at a time instead of holding it whole.
 */
function* jsonReportChunks(report) {
    const fields = report;
    const ordered = {};
    for (const key of TOP_LEVEL_ORDER)
        if (key in fields)
            ordered[key] = fields[key];
    for (const key of Object.keys(fields).sort())
        if (!(key in ordered))
            ordered[key] = fields[key];
    ordered.schemaVersion = JSON_SCHEMA_VERSION;
    if (Array.isArray(report.images) && Array.isArray(report.detections)) {
        ordered.images = report.images.map((image, index) => image?.scan && Array.isArray(image.scan.findings)
            ? { ...image, scan: { ...image.scan, findings: lazyFindings(report, index) } }
            : image);
    }
    yield* streamValue(ordered, 0);
    yield '\n';
}
/** An image's findings with their text replaced by a row reference, made one batch at a time. */
function lazyFindings(report, imageIndex) {
    let rows;
    const findings = report.images[imageIndex]?.scan.findings ?? [];
    return {
        length: findings.length,
        slice(from, to) {
            rows ??= rowsOf(report, imageIndex);
            return findings.slice(from, to).map((finding) => referenced(report, finding, rows));
        },
    };
}
/** Row index by finding text for one image (the first row: an ignored part may have another). */
function rowsOf(report, imageIndex) {
    const rows = new Map();
    report.detections.forEach((row, index) => {
        if (row.imageIndex === imageIndex && typeof row.finding === 'string' && !rows.has(row.finding))
            rows.set(row.finding, index);
    });
    return rows;
}
function referenced(report, finding, rows) {
    if (typeof finding !== 'object' || finding === null || typeof finding.name !== 'string')
        return finding;
    if (typeof finding.description !== 'string')
        return finding;
    // findingKey(finding), with what it decided kept: found under the key of a non-blank
    // description, the row's text is "<name>, <description>" and gives the description back.
    const blank = finding.description.trim() === '';
    const key = blank ? finding.name : `${finding.name}, ${finding.description}`;
    let row = rows?.get(key);
    const exact = row !== undefined && !blank;
    row ??= rows?.get(`${finding.name}, ${finding.description}`);
    if (row === undefined)
        return finding;
    if (!exact) {
        // Only when the row gives the text back exactly (a blank description would not).
        const text = report.detections[row]?.finding;
        if (text === undefined || descriptionFrom(text, finding.name) !== finding.description) {
            return finding;
        }
    }
    // Left out by JSON.stringify as undefined, in place: `delete` would turn every copy into a
    // dictionary-mode object, which JSON.stringify serialises on its slow path.
    return { ...finding, description: undefined, detection: row };
}
/** Containers this shallow are opened up, so the big arrays inside them (findings) stream. */
const OPEN_DEPTH = 4;
/**
 * Arrays at least this long are serialised this many elements at a time: a batch's text stays
 * under V8's large-object size (128 KiB) for the usual rows (~1 KB), so it dies young instead of
 * waiting in the large-object space for a full collection.
 */
const BATCH_MIN = 64;
const BATCH = 64;
const isLazy = (value) => typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof value.slice === 'function' &&
    typeof value.length === 'number';
/**
 * `JSON.stringify(value)` in pieces: shallow objects key by key, long arrays 500 elements at a
 * time (each batch one JSON.stringify, the fast path), what JSON.stringify would skip skipped,
 * `toJSON` honoured. `__tests__/report/json-outputs.test.ts` checks it byte for byte.
 */
function* streamValue(value, depth) {
    if (isLazy(value)) {
        if (value.length === 0)
            yield '[]';
        for (let at = 0; at < value.length; at += BATCH) {
            const text = JSON.stringify(value.slice(at, at + BATCH));
            // Apart, not concatenated: a slice of the flat text copies nothing; a rope of the two
            // would be copied whole when the writer reads it.
            yield at === 0 ? '[' : ',';
            yield text.slice(1, -1);
        }
        if (value.length > 0)
            yield ']';
        return;
    }
    if (!opens(value, depth)) {
        yield JSON.stringify(value);
        return;
    }
    if (Array.isArray(value)) {
        if (value.length === 0) {
            yield '[]';
            return;
        }
        if (value.length >= BATCH_MIN) {
            for (let at = 0; at < value.length; at += BATCH) {
                const text = JSON.stringify(value.slice(at, at + BATCH));
                // Apart, not concatenated: a slice of the flat text copies nothing; a rope of the two
                // would be copied whole when the writer reads it.
                yield at === 0 ? '[' : ',';
                yield text.slice(1, -1);
            }
        }
        else {
            for (const [i, item] of value.entries()) {
                yield i === 0 ? '[' : ',';
                const shown = jsonValue(item, String(i));
                yield* shown === undefined ? ['null'] : streamValue(shown, depth + 1);
            }
            yield ']';
            return;
        }
        yield ']';
        return;
    }
    let first = true;
    for (const [key, raw] of Object.entries(value)) {
        const shown = jsonValue(raw, key);
        if (shown === undefined)
            continue;
        yield `${first ? '{' : ','}${JSON.stringify(key)}:`;
        first = false;
        yield* streamValue(shown, depth + 1);
    }
    yield first ? '{}' : '}';
}
function opens(value, depth) {
    if (typeof value !== 'object' || value === null)
        return false;
    if (Array.isArray(value))
        return depth < OPEN_DEPTH || value.length >= BATCH_MIN;
    return depth < OPEN_DEPTH && !('toJSON' in value && typeof value.toJSON === 'function');
}
/** A value as JSON.stringify sees it: after `toJSON`; undefined where it would leave it out. */
function jsonValue(value, key) {
    let shown = value;
    if (typeof shown === 'object' && shown !== null && 'toJSON' in shown) {
        const toJSON = shown.toJSON;
        if (typeof toJSON === 'function')
            shown = toJSON.call(shown, key);
    }
    if (shown === undefined || typeof shown === 'function' || typeof shown === 'symbol') {
        return undefined;
    }
    return shown;
}

;// CONCATENATED MODULE: ./src/report/sarif-entries.ts
/**
 * The pieces of a SARIF run that describe findings: rules, results, locations, fingerprints.
 * What GitHub code scanning reads from them (docs.github.com/en/code-security/reference/
 * code-scanning/sarif-files/sarif-support-for-code-scanning):
 * - `properties.security-severity` sets the alert severity by band (critical >= 9.0, high
 *   7.0-8.9, medium 4.0-6.9, low 0.1-3.9). It is the gate's own severity (the rule the finding
 *   was gated under, enhanced severity included), never the raw CVSS, so code scanning shows
 *   what the gate decided; CVSS stays in `properties.cvss`.
 * - `level`: GitHub shows error, warning and note; `off` detections are notes.
 * - `partialFingerprints.primaryLocationLineHash` keeps an alert across runs. It is ours, from
 *   (registry, region, repository, platform, CVE, package), never the tag, digest, version or
 *   Dockerfile line: a new push or a base-image bump is the same alert, each package its own.
 * - `message.text` may hold SARIF embedded links `[text](target)` (SARIF 2.1.0 section 3.11.6),
 *   so brackets from scanner text are escaped as the spec says (`\[`, `\]`, `\\`).
 */




/** GitHub's bands; one representative value in each. */
const SEVERITY_SCORE = {
    CRITICAL: 9.5,
    HIGH: 8.0,
    MEDIUM: 5.5,
    LOW: 2.0,
    INFORMATIONAL: 0.0,
    UNDEFINED: 0.0,
};
/** Splunk severity words of the non-finding rules (`high` for uploads). */
const WORD_SCORE = {
    critical: 9.5,
    high: 8.0,
    medium: 5.5,
    low: 2.0,
};
/** Code scanning shows error, warning and note only. */
const LEVEL = {
    fail: 'error',
    warn: 'warning',
    notice: 'note',
    off: 'note',
};
const FINGERPRINT_KEY = 'primaryLocationLineHash';
/** Words for the `$name$` placeholders of the rule messages, in help text that has no row. */
const PLACEHOLDER_WORDS = {
    user: 'an uploader',
    repository: 'the repository',
    tag: 'a tag',
};
const withoutPlaceholders = (text) => text.replace(/\$([a-z_]{1,40})\$/g, (_, name) => PLACEHOLDER_WORDS[name] ?? name.replace(/_/g, ' '));
/** `cross-account-uploader` -> `CrossAccountUploader`. */
const ruleName = (id) => id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
/** Plain text for `message.text`: cleaned, references defused, no embedded links. */
function sarifMessage(text, max = 1000) {
    const defused = (0,report_escape/* defuseGitHubReferences */.gE)((0,report_escape/* cleanText */.X5)(text, max));
    return HAS_LINK_SYNTAX.test(defused) ? defused.replace(/[\\[\]]/g, '\\$&') : defused;
}
const HAS_LINK_SYNTAX = /[\\[\]]/;
/** The gate's severity as a GitHub band value; never the raw CVSS (see the header). */
function securitySeverity(d) {
    const severity = severityOfRule(d.rule);
    if (severity)
        return SEVERITY_TEXT[severity];
    return (WORD_SCORE[d.severity] ?? 5.5).toFixed(1);
}
const SEVERITY_TEXT = Object.fromEntries(Object.entries(SEVERITY_SCORE).map(([s, score]) => [s, score.toFixed(1)]));
/**
 * The rule of a detection that is not a finding (uploader and scan rules). A finding's rule (one
 * per CVE) is written by `ruleJson` in sarif-json.ts.
 */
function ruleOf(c) {
    const d = c.detection;
    const spec = catalog/* RULES */.y0[d.rule];
    return {
        id: c.ruleId,
        name: ruleName(spec.id),
        shortDescription: { text: spec.title },
        fullDescription: { text: (0,report_escape/* cleanText */.X5)(withoutPlaceholders(spec.message), 1000) },
        help: {
            text: `${spec.title}: ${(0,report_escape/* cleanText */.X5)(withoutPlaceholders(spec.message), 500)} (risk ${d.riskScore} = impact ${d.impact} × confidence ${d.confidence} / 100).`,
        },
        defaultConfiguration: { level: LEVEL[d.level] },
        properties: { 'security-severity': securitySeverity(d), tags: ['security', 'supply-chain'] },
    };
}
/** ` in openssl, libssl3` (names only, at most five, then how many more). */
function inPackages(d) {
    const packages = d.packages ?? [];
    if (packages.length === 1)
        return ` in ${packages[0]?.name ?? ''}`;
    const names = [...new Set(packages.map((p) => p.name))];
    if (names.length === 0)
        return '';
    const more = names.length > 5 ? ` and ${names.length - 5} more` : '';
    return ` in ${names.slice(0, 5).join(', ')}${more}`;
}
/** The description part of the seed's `finding` field (`"<name>, <description>"`). */
function descriptionOf(d) {
    const finding = d.finding ?? '';
    const prefix = `${d.findingId ?? ''}, `;
    return finding.startsWith(prefix) ? finding.slice(prefix.length) : finding;
}
/**
 * The result of a detection that is not a finding. A finding's results (one per package) are
 * written by `resultJson` in sarif-json.ts.
 */
function resultOf(image, c, ruleIndex, where) {
    const d = c.detection;
    const pkg = c.packageIndex === null ? undefined : d.packages?.[c.packageIndex];
    const text = `${d.message}${d.detail ? ` (${d.detail})` : ''}.`;
    const result = {
        ruleId: c.ruleId,
        ruleIndex,
        level: LEVEL[d.level],
        message: { text: sarifMessage(text, 1000) },
        locations: [where],
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(image, c) },
        properties: {
            severity: (severityOfRule(d.rule) ?? d.severity).toLowerCase(),
            level: d.level,
            riskScore: d.riskScore,
            ...(d.cvss === undefined ? {} : { cvss: d.cvss }),
            // Enhanced scans only; absent (unknown) on a basic scan's result, never "NO".
            ...(d.fixAvailable === undefined ? {} : { fixAvailable: d.fixAvailable }),
            ...(d.exploitAvailable === undefined ? {} : { exploitAvailable: d.exploitAvailable }),
            ...(pkg
                ? {
                    package: (0,report_escape/* cleanLine */.Ow)(pkg.name, 300),
                    ...(pkg.version ? { installedVersion: (0,report_escape/* cleanLine */.Ow)(pkg.version, 200) } : {}),
                    ...(pkg.fixedInVersion ? { fixedInVersion: (0,report_escape/* cleanLine */.Ow)(pkg.fixedInVersion, 200) } : {}),
                }
                : {}),
            ...(d.principal ? { principal: (0,report_escape/* cleanLine */.Ow)(d.principal, 500) } : {}),
            // compare-to (issue 14 §1): new or unchanged against the reference image.
            ...(d.compare ? { compare: d.compare } : {}),
        },
    };
    if (d.ignored) {
        result.suppressions = [
            { kind: 'external', justification: (0,report_escape/* cleanText */.X5)(d.ignoreReason ?? 'ignored by policy', 1000) },
        ];
    }
    return result;
}
function sarif_entries_location(image, options) {
    if (options.dockerfile) {
        return {
            physicalLocation: {
                artifactLocation: { uri: fileUri(options.dockerfile.path) },
                region: { startLine: Math.max(1, Math.floor(options.dockerfile.fromLine)) },
            },
        };
    }
    return {
        physicalLocation: {
            artifactLocation: {
                uri: fileUri(`ecr/${registryHost(image)}/${image.repository}/Dockerfile`),
            },
            region: { startLine: 1 },
        },
    };
}
/** A repository-relative path as a URI reference: forward slashes, each segment encoded. */
function fileUri(path) {
    return path
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .split('/')
        .map((segment) => encodeURIComponent((0,report_escape/* cleanLine */.Ow)(segment, 255)))
        .join('/');
}
/** A non-finding rule's alert is the rule and whom it is about (findings: sarif-json.ts). */
function fingerprint(image, c) {
    const d = c.detection;
    const identity = [
        image.registryId,
        image.region,
        image.repository,
        image.platform ?? '',
        d.rule,
        d.principal ?? d.user ?? '',
    ];
    return sha256Hex(JSON.stringify(identity));
}
// The one-shot `crypto.hash` (Node ≥ 20.12) skips a Hash object per result; older Node 20 lacks it.
const sha256Hex = typeof external_node_crypto_.hash === 'function'
    ? (data) => external_node_crypto_.hash('sha256', data, 'hex')
    : (data) => external_node_crypto_.createHash('sha256').update(data).digest('hex');

;// CONCATENATED MODULE: ./src/report/sarif-json.ts




const str = JSON.stringify;
/** Per severity: the rule's `properties` after its security-severity, and the result's start. */
const SEVERITY_JSON = new Map(model/* SEVERITIES */.oC.map((s) => [
    s,
    {
        tags: `"tags":["security","vulnerability","container",${str(s.toLowerCase())}],"precision":"very-high"}`,
        severity: `{"severity":${str(s.toLowerCase())}`,
    },
]));
/** A number as JSON.stringify writes it (NaN and infinities are null). */
const num = (n) => typeof n === 'number' && Number.isFinite(n) ? String(n) : (JSON.stringify(n) ?? 'null');
function imageJson(image, where) {
    const identity = JSON.stringify([
        image.registryId,
        image.region,
        image.repository,
        image.platform ?? '',
    ]);
    return {
        image,
        label: imageLabel(image),
        where,
        locations: `"locations":[${JSON.stringify(where)}]`,
        identity: `${identity.slice(0, -1)},`,
    };
}
/** `JSON.stringify(ruleOf(c))`. */
function ruleJson(c) {
    const d = c.detection;
    const level = LEVEL[d.level];
    const severity = severityOfRule(d.rule);
    const constants = severity === null ? undefined : SEVERITY_JSON.get(severity);
    if (!isFindingRule(d.rule) || level === undefined || severity === null || !constants) {
        return JSON.stringify(ruleOf(c));
    }
    const description = descriptionOf(d);
    const packages = (d.packages ?? []).slice(0, 20).map(packageText);
    const advisory = (0,report_escape/* safeUrl */.Pl)(d.uri);
    const shortText = (0,report_escape/* cleanLine */.Ow)(`${c.ruleId} (${severity})${inPackages(d)}`, 300);
    const helpText = (0,report_escape/* cleanText */.X5)(`Affected packages: ${packages.join(', ') || 'unknown'}${advisory ? `\nAdvisory: ${advisory}` : ''}`, 2500);
    let markdown = `**${(0,report_escape/* markdownLink */.iQ)(c.ruleId, d.uri, 200)}** (${severity}${d.cvss === undefined ? '' : `, CVSS ${d.cvss}`})\n`;
    for (const p of packages)
        markdown += `\n- ${(0,report_escape/* escapeMarkdown */.FV)(p, 200)}`;
    return (`{"id":${str(c.ruleId)},"shortDescription":{"text":${str(shortText)}},` +
        `"fullDescription":{"text":${str((0,report_escape/* cleanText */.X5)(description || c.ruleId, 1500))}},` +
        `"help":{"text":${str(helpText)},"markdown":${str(markdown)}},` +
        `"defaultConfiguration":{"level":"${level}"},` +
        `"properties":{"security-severity":${str(securitySeverity(d))},${constants.tags}` +
        `${advisory ? `,"helpUri":${str(advisory)}` : ''}}`);
}
/** `JSON.stringify(resultOf(image, c, ruleIndex, where))`. */
function resultJson(at, c, ruleIndex) {
    const d = c.detection;
    const level = LEVEL[d.level];
    const severity = severityOfRule(d.rule);
    if (!isFindingRule(d.rule) || level === undefined || severity === null) {
        return JSON.stringify(resultOf(at.image, c, ruleIndex, at.where));
    }
    const pkg = c.packageIndex === null ? undefined : d.packages?.[c.packageIndex];
    return (`{"ruleId":${str(c.ruleId)},"ruleIndex":${num(ruleIndex)},"level":"${level}",` +
        `"message":{"text":${str(message(at, c, d, severity, pkg))}},${at.locations},` +
        `"partialFingerprints":{"${FINGERPRINT_KEY}":"${sarif_json_fingerprint(at, c, pkg)}"},` +
        `"properties":${properties(d, severity, pkg)}${suppressions(d)}}`);
}
function message(at, c, d, severity, pkg) {
    const fixed = pkg?.fixedInVersion ? ` (fixed in ${pkg.fixedInVersion})` : '';
    const cvss = d.cvss === undefined ? '' : `, CVSS ${d.cvss}`;
    const exploit = d.exploitAvailable === 'YES' ? ', known exploit' : '';
    const mark = d.compare ? ` (${d.compare} against the compare-to reference)` : '';
    const what = pkg ? `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}` : 'an unknown package';
    return sarifMessage(`${c.ruleId} in ${what}${fixed}: ${severity}${cvss}${exploit}, image ${at.label}${mark}.`, 1000);
}
function properties(d, severity, pkg) {
    let out = `${SEVERITY_JSON.get(severity)?.severity ?? `{"severity":${str(severity.toLowerCase())}`},"level":${str(d.level)},"riskScore":${num(d.riskScore)}`;
    if (d.cvss !== undefined)
        out += `,"cvss":${num(d.cvss)}`;
    if (d.fixAvailable !== undefined)
        out += `,"fixAvailable":${str(d.fixAvailable)}`;
    if (d.exploitAvailable !== undefined)
        out += `,"exploitAvailable":${str(d.exploitAvailable)}`;
    if (pkg) {
        out += `,"package":${str((0,report_escape/* cleanLine */.Ow)(pkg.name, 300))}`;
        if (pkg.version)
            out += `,"installedVersion":${str((0,report_escape/* cleanLine */.Ow)(pkg.version, 200))}`;
        if (pkg.fixedInVersion)
            out += `,"fixedInVersion":${str((0,report_escape/* cleanLine */.Ow)(pkg.fixedInVersion, 200))}`;
    }
    if (d.principal)
        out += `,"principal":${str((0,report_escape/* cleanLine */.Ow)(d.principal, 500))}`;
    if (d.compare)
        out += `,"compare":${str(d.compare)}`;
    return `${out}}`;
}
function suppressions(d) {
    if (!d.ignored)
        return '';
    const justification = (0,report_escape/* cleanText */.X5)(d.ignoreReason ?? 'ignored by policy', 1000);
    return `,"suppressions":[{"kind":"external","justification":${str(justification)}}]`;
}
/**
 * sha256 of `[registry, region, repository, platform, CVE, package]` as JSON. No installed
 * version: a base-image bump that leaves the CVE in the package is the same alert.
 */
function sarif_json_fingerprint(at, c, pkg) {
    return sha256Hex(`${at.identity}${str(c.ruleId)},${str(pkg?.name ?? '')}]`);
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/report/sarif-limits.ts
/**
 * Keeping a SARIF log within GitHub's limits (25,000 results per run, 10 MB gzipped): ranking
 * what survives, estimating the compressed size without compressing tens of MB twice.
 */


/**
 * The gzipped size of the log, or a bound on it that settles the question cheaply. Three bytes a
 * UTF-16 unit bounds the raw UTF-8 size, which bounds the gzipped size (plus a header). Then the
 * sampled estimate: when even twice the estimate is within `limit`, compressing 28 MB (20,000
 * findings) to confirm it is not worth ~150 ms (the content is scanner and image data, not text
 * picked to fool an evenly spread sample; and were a log still over GitHub's limit, the upload
 * step would fail visibly, with the verdict and the JSON report unaffected). Then the exact raw
 * size. Only a log near the limit is compressed, at level 1 first (it compresses less than the
 * default level GitHub's upload uses, so a level-1 size within the limit settles it).
 */
function compressedSize(log, ratio, limit) {
    const settled = sizeFromLength(log.length, ratio, limit);
    if (settled !== null)
        return settled;
    const raw = log.chunks.reduce((n, c) => n + Buffer.byteLength(c, 'utf8'), 0);
    if (raw <= limit - 1024)
        return raw;
    const text = log.chunks.join('');
    const quick = (0,external_node_zlib_.gzipSync)(text, { level: 1 }).length;
    return quick <= limit ? quick : (0,external_node_zlib_.gzipSync)(text).length;
}
/** The first two steps of `compressedSize`, which need the log's length only; else null. */
function sizeFromLength(length, ratio, limit) {
    if (3 * length <= limit - 1024)
        return length;
    if (2 * ratio * length <= limit)
        return ratio * length;
    return null;
}
/**
 * All candidates of all runs, most important first. Each run is already in (coarse key, then
 * `compareDetections`) order, so sorting by (key, run, position) keeps every run's
 * own order and is cheap for tens of thousands of results.
 */
function globalOrder(runs) {
    const all = runs.flatMap((candidates, run) => candidates.map((c, pos) => ({ run, pos, key: coarseKey(c.detection) })));
    if (runs.length > 1)
        all.sort((a, b) => a.key - b.key || a.run - b.run || a.pos - b.pos);
    return all;
}
/**
 * What survives the limits: uploader and scan detections first (few, and they gate), then
 * findings by severity and CVSS, ignored last, as one number. The level does not matter here:
 * dropping goes by severity.
 */
function coarseKey(d) {
    const severity = severityOfRule(d.rule);
    const weight = severity ? severityRank(severity) + 1 : 0;
    const cvss = d.cvss !== undefined && Number.isFinite(d.cvss) ? Math.min(10, Math.max(0, d.cvss)) : -1;
    return (Number(d.ignored) * 10 + weight) * 1000 + (100 - Math.round(cvss * 10));
}
/**
 * Keeps candidates in global priority order while the estimated compressed size allows, so the
 * lowest severities are the ones dropped; a run at the per-run count limit just stops growing.
 */
function sarif_limits_select(order, costs, maxResults, rawBudget) {
    const keep = costs.map(() => 0);
    let used = 0;
    for (const { run, pos } of order) {
        const count = keep[run] ?? 0;
        if (count !== pos || count >= maxResults)
            continue;
        const cost = costs[run]?.[pos] ?? 0;
        if (used + cost > rawBudget)
            break;
        used += cost;
        keep[run] = count + 1;
    }
    return keep;
}
/**
 * Gzipped bytes per UTF-16 unit, measured on up to ~2,000 pieces (≤ 1 MB) spread evenly over the
 * whole log, with a 10 % margin. Spread samples compress no better than the contiguous log
 * (less shared context), so the estimate errs high.
 */
function sampleRatio(built) {
    const total = built.reduce((sum, b) => sum + b.results.count, 0);
    const step = sampleStep(total);
    const sample = [];
    let units = 0;
    let seen = 0;
    for (const b of built) {
        for (let i = 0; i < b.results.count && units < SAMPLE_UNITS; i += 1, seen += 1) {
            if (seen % step !== 0)
                continue;
            const first = b.rulesFor[i] ?? 0;
            const introduces = (b.rulesFor[i + 1] ?? 0) > first;
            const piece = b.results.get(i) + (introduces ? b.rules.get(first) : '');
            sample.push(piece);
            units += piece.length;
        }
    }
    return ratioOf(sample, units);
}
/** The sample stops growing once it holds this many UTF-16 units. */
const SAMPLE_UNITS = 1_000_000;
/** Every how many results one goes into the sample. */
const sampleStep = (total) => Math.max(1, Math.floor(total / 2000));
/** Gzipped bytes per unit of the sample (`units` long), with the margin; 3 for no sample. */
function ratioOf(sample, units) {
    return units === 0 ? 3 : Math.min(3, ((0,external_node_zlib_.gzipSync)(sample.join(',')).length / units) * 1.1);
}

;// CONCATENATED MODULE: ./src/report/sarif-pieces.ts
/**
 * Serialised SARIF entries (rules or results) held as a few large strings instead of one string
 * each. 20,000 findings make ~40,000 entries (~25 MB): held one by one they were young objects
 * that every scavenge copied and promoted (~200 ms of garbage collection, issue 13 §1), built by
 * concatenation they were ropes twice their size. Joined about every 256 K characters they are
 * flat, sit in the large-object space and cost the collector nothing. The list is the entries
 * joined with `,`, as they appear in the log; an entry or a prefix of the list is a slice of it.
 */
const BATCH_UNITS = 256 * 1024;
class PieceList {
    /** The joined batches; batch b starts at `starts[b]` in the whole list. */
    batches = [];
    starts = [];
    /** Where each entry ends in the whole list, and the batch holding it. */
    ends = [];
    batchOf = [];
    pending = [];
    pendingUnits = 0;
    /** Where the next entry starts in the whole list. */
    next = 0;
    get count() {
        return this.ends.length;
    }
    push(piece) {
        if (this.pending.length === 0)
            this.starts.push(this.next);
        this.pending.push(piece);
        this.pendingUnits += piece.length + 1;
        this.ends.push(this.next + piece.length);
        this.batchOf.push(this.batches.length);
        this.next += piece.length + 1;
        if (this.pendingUnits >= BATCH_UNITS)
            this.seal();
    }
    /** Joins what is pending into one batch; called by `push` and once at the end. */
    seal() {
        if (this.pending.length === 0)
            return;
        this.batches.push(this.pending.join(','));
        this.pending = [];
        this.pendingUnits = 0;
    }
    /** Entry `i` on its own (sealed lists only). */
    get(i) {
        const batch = this.batchOf[i] ?? 0;
        const base = this.starts[batch] ?? 0;
        const start = i === 0 ? 0 : (this.ends[i - 1] ?? 0) + 1;
        return (this.batches[batch] ?? '').slice(start - base, (this.ends[i] ?? 0) - base);
    }
    /** The first `k` entries joined with `,`, pushed onto `chunks` (sealed lists only). */
    pushPrefix(chunks, k) {
        if (k <= 0)
            return;
        const last = this.batchOf[k - 1] ?? 0;
        for (let b = 0; b < last; b += 1) {
            if (b > 0)
                chunks.push(',');
            chunks.push(this.batches[b] ?? '');
        }
        if (last > 0)
            chunks.push(',');
        const batch = this.batches[last] ?? '';
        const end = (this.ends[k - 1] ?? 0) - (this.starts[last] ?? 0);
        chunks.push(end === batch.length ? batch : batch.slice(0, end));
    }
}

;// CONCATENATED MODULE: ./src/report/sarif-run.ts



const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SARIF_MAX_RESULTS_PER_RUN = 25_000;
const SARIF_MAX_RUNS = 20;
/** The tool's home, until the action's own repository is known (GITHUB_ACTION_REPOSITORY). */
const DEFAULT_INFORMATION_URI = 'https://github.com/ecr-risk-gate/ecr-risk-gate';
/** The log's opening, before the first run. */
const LOG_HEAD = `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[`;
const LOG_TAIL = ']}';
const resultRank = (image) => image ? ['fail', 'warn', 'pass'].indexOf(image.result) : 3;
function category(image, prefix) {
    // The platform comes from the image index, which whoever pushed it wrote: shown, never raw.
    const platform = image.platform ? `/${(0,report_escape/* cleanLine */.Ow)(image.platform, 200)}` : '';
    const before = prefix ? `${(0,report_escape/* withoutTrailingSlashes */.A$)((0,report_escape/* cleanLine */.Ow)(prefix, 100))}/` : '';
    return `${before}ecr-risk-gate/${registryHost(image)}/${image.repository}${platform}/`.replace(/\s/g, '_');
}
/** Results to be for one image, most important first (what survives the limits). */
function candidatesOf(report, index) {
    const out = [];
    const keyed = detectionsOf(report, index).map((d) => ({ d, key: coarseKey(d) }));
    keyed.sort((a, b) => a.key - b.key || compareDetections(a.d, b.d));
    for (const { d: detection } of keyed) {
        if (isFindingRule(detection.rule)) {
            const ruleId = (0,report_escape/* cleanLine */.Ow)(detection.findingId ?? 'finding', 200);
            const count = Math.max(1, detection.packages?.length ?? 0);
            for (let p = 0; p < count; p += 1) {
                out.push({ detection, packageIndex: detection.packages?.length ? p : null, ruleId });
            }
        }
        else {
            out.push({ detection, packageIndex: null, ruleId: detection.rule });
        }
    }
    return out;
}
/** The run of image `index` keeping its first `keep` candidates. */
function runParts(report, index, id, candidates, keep, extra) {
    const { informationUri } = extra;
    const image = report.images[index];
    const omitted = candidates.slice(keep);
    const notifications = [];
    const properties = {
        image: imageProperties(image),
        result: image.result,
        riskScore: image.riskScore,
    };
    if (omitted.length > 0) {
        const bySeverity = {};
        for (const c of omitted) {
            const key = (severityOfRule(c.detection.rule) ?? c.detection.rule).toLowerCase();
            bySeverity[key] = (bySeverity[key] ?? 0) + 1;
        }
        const parts = Object.entries(bySeverity).map(([s, n]) => `${thousands(n)} ${s}`);
        const text = `${plural(omitted.length, 'result')} left out to stay within GitHub's SARIF limits (${thousands(SARIF_MAX_RESULTS_PER_RUN)} results per run, 10 MB gzipped), lowest severities first: ${parts.join(', ')}. The JSON report has every finding.`;
        properties['omitted'] = { results: omitted.length, bySeverity, reason: text };
        notifications.push({ level: 'warning', message: { text } });
    }
    if (extra.omittedRuns > 0) {
        const text = `${plural(extra.omittedRuns, 'image')} left out: GitHub accepts at most ${SARIF_MAX_RUNS} runs per SARIF file. The JSON report has every image.`;
        properties['omittedRuns'] = extra.omittedRuns;
        notifications.push({ level: 'warning', message: { text } });
    }
    const driver = JSON.stringify({
        name: 'ecr-risk-gate',
        version: report.tool.version,
        semanticVersion: report.tool.version,
        informationUri: informationUri ?? DEFAULT_INFORMATION_URI,
    });
    const invocations = notifications.length > 0
        ? [{ executionSuccessful: true, toolExecutionNotifications: notifications }]
        : undefined;
    return {
        head: `{"tool":{"driver":${driver.slice(0, -1)},"rules":[`,
        middle: `]}},"automationDetails":${JSON.stringify({ id })},"results":[`,
        tail: `],"properties":${JSON.stringify(properties)}${invocations ? `,"invocations":${JSON.stringify(invocations)}` : ''}}`,
    };
}
function imageProperties(image) {
    return {
        registryId: image.registryId,
        region: image.region,
        repository: image.repository,
        imageDigest: image.imageDigest,
        imageTags: image.imageTags,
        ...(image.platform ? { platform: image.platform } : {}),
        scanStatus: image.scan.status,
        uploaderStatus: image.uploader.status,
    };
}

;// CONCATENATED MODULE: ./src/report/sarif.ts








/** GitHub's limit is 10 MB gzipped; stay a little under it. */
const SARIF_MAX_GZIP_BYTES = 10_000_000;
function planSarif(report, options) {
    const maxRuns = options.maxRuns ?? SARIF_MAX_RUNS;
    const imageIndexes = report.images.map((_, i) => i);
    // When there are more images than runs allowed, keep the worst ones.
    const worstFirst = [...imageIndexes].sort((a, b) => resultRank(report.images[a]) - resultRank(report.images[b]) || a - b);
    const keptRuns = new Set(worstFirst.slice(0, maxRuns));
    const categories = new Map();
    const runs = imageIndexes
        .filter((i) => keptRuns.has(i))
        .map((index) => {
        const base = category(report.images[index], options.categoryPrefix);
        const seen = categories.get(base) ?? 0;
        categories.set(base, seen + 1);
        const id = seen === 0 ? base : `${base.slice(0, -1)}-${seen + 1}/`;
        return { index, id, candidates: candidatesOf(report, index) };
    });
    return {
        runs,
        omittedRuns: imageIndexes.length - keptRuns.size,
        maxResults: options.maxResultsPerRun ?? SARIF_MAX_RESULTS_PER_RUN,
        maxGzip: options.maxGzipBytes ?? SARIF_MAX_GZIP_BYTES,
        slack: 64 * 1024 + runs.length * 16 * 1024,
    };
}
function renderSarif(report, options = {}) {
    const plan = planSarif(report, options);
    const { runs, omittedRuns, maxResults, maxGzip, slack } = plan;
    const built = runs.map((run) => buildPieces(report.images[run.index], run.candidates, options));
    const assemble = (keep) => {
        const chunks = [LOG_HEAD];
        runs.forEach((run, i) => {
            if (i > 0)
                chunks.push(',');
            const pieces = built[i];
            const kept = keep[i] ?? 0;
            const parts = runParts(report, run.index, run.id, run.candidates, kept, {
                omittedRuns: i === 0 ? omittedRuns : 0,
                informationUri: options.informationUri,
            });
            chunks.push(parts.head);
            pieces.rules.pushPrefix(chunks, pieces.rulesFor[kept] ?? 0);
            chunks.push(parts.middle);
            pieces.results.pushPrefix(chunks, kept);
            chunks.push(parts.tail);
        });
        chunks.push(LOG_TAIL);
        return { chunks, length: chunks.reduce((n, c) => n + c.length, 0) };
    };
    // Costs are UTF-16 units; a unit is at most 3 UTF-8 bytes, and the gzipped size never exceeds
    // the raw size by more than a header, so a log whose pieces fit three times over needs no
    // compression at all. Otherwise the compressed bytes per unit are estimated on a sample.
    const costs = built.map((b) => b.costs);
    const rawTotal = costs.reduce((sum, c) => sum + c.reduce((a, n) => a + n, 0), 0);
    const order = globalOrder(runs.map((p) => p.candidates));
    let ratio = 3 * rawTotal + slack <= maxGzip ? 3 : sampleRatio(built);
    let keep = sarif_limits_select(order, costs, maxResults, (maxGzip - slack) / ratio);
    let log = assemble(keep);
    for (let attempt = 0; attempt < 8; attempt += 1) {
        const zipped = compressedSize(log, ratio, maxGzip);
        if (zipped <= maxGzip)
            break;
        ratio *= (zipped / maxGzip) * 1.05;
        keep = sarif_limits_select(order, costs, maxResults, (maxGzip - slack) / ratio);
        log = assemble(keep);
    }
    const omittedResults = runs.reduce((sum, p, i) => sum + p.candidates.length - (keep[i] ?? 0), 0);
    const { chunks } = log;
    let text;
    let parsed;
    return {
        chunks,
        get text() {
            text ??= chunks.join('');
            return text;
        },
        get log() {
            parsed ??= JSON.parse(this.text);
            return parsed;
        },
        omittedResults,
        omittedRuns,
    };
}
function buildPieces(image, candidates, options) {
    const rules = new PieceList();
    const results = new PieceList();
    const ruleIndex = new Map();
    const rulesFor = [0];
    const costs = [];
    // The same for every result of the image, so worked out once and shared (the log is data to
    // serialise): fileUri cleans and encodes every path segment.
    const at = imageJson(image, sarif_entries_location(image, options));
    for (const c of candidates) {
        let cost = 0;
        let index = ruleIndex.get(c.ruleId);
        if (index === undefined) {
            index = rules.count;
            ruleIndex.set(c.ruleId, index);
            const rule = ruleJson(c);
            rules.push(rule);
            cost += rule.length + 1;
        }
        const result = resultJson(at, c, index);
        cost += result.length + 1;
        costs.push(cost);
        rulesFor.push(rules.count);
        results.push(result);
    }
    rules.seal();
    results.seal();
    return { results, rules, rulesFor, costs };
}
/** One sentence for the log and the summary when GitHub's limits left something out, else null. */
function sarifLeftOut(sarif) {
    const parts = [
        sarif.omittedRuns > 0
            ? `${plural(sarif.omittedRuns, 'image')} (GitHub takes at most ${SARIF_MAX_RUNS} runs per file)`
            : '',
        sarif.omittedResults > 0
            ? `${plural(sarif.omittedResults, 'result')} of the lowest severities (${thousands(SARIF_MAX_RESULTS_PER_RUN)} results per run, 10 MB gzipped)`
            : '',
    ].filter(Boolean);
    if (parts.length === 0)
        return null;
    return `SARIF file: left out to stay within GitHub's code scanning limits: ${parts.join('; ')}. Code scanning will not show them; the JSON report has every image and finding.`;
}

;// CONCATENATED MODULE: ./src/report/sarif-write.ts





/** The streamed log would differ from `renderSarif`'s: write that one instead. */
const FLUSH_UNITS = 32 * 1024;
class SarifRestart extends Error {
    constructor() {
        super('SARIF log near the size limit: rendered whole to apply the limits');
        this.name = 'SarifRestart';
    }
}
function* streamSarif(report, options, tally) {
    const { runs, omittedRuns, maxResults, maxGzip, slack } = planSarif(report, options);
    const step = sampleStep(runs.reduce((n, run) => n + run.candidates.length, 0));
    const sample = [];
    let units = 0;
    let seen = 0;
    // Entries are gathered and handed on ~32 K units at a time: one generator step per entry and
    // separator (80,000 for 20,000 findings, through the writer's generators too) cost more than
    // rendering some of them. `length` counts every unit handed on.
    let pending = [];
    let pendingUnits = 0;
    let length = 0;
    const put = (text) => {
        pending.push(text);
        pendingUnits += text.length;
        return pendingUnits >= FLUSH_UNITS;
    };
    const flush = () => {
        const text = pending.join('');
        length += text.length;
        pending = [];
        pendingUnits = 0;
        return text;
    };
    const costs = [];
    const planned = [];
    put(LOG_HEAD);
    for (const [r, run] of runs.entries()) {
        if (r > 0)
            put(',');
        const { candidates } = run;
        const count = candidates.length;
        const keep = Math.min(count, maxResults);
        planned.push(keep);
        // Rules come in first-use order: each candidate's rule index, and whether it is the first.
        const ruleAt = new Int32Array(count);
        const introduces = new Uint8Array(count);
        const ruleIndex = new Map();
        candidates.forEach((c, j) => {
            let at = ruleIndex.get(c.ruleId);
            if (at === undefined) {
                at = ruleIndex.size;
                ruleIndex.set(c.ruleId, at);
                introduces[j] = 1;
            }
            ruleAt[j] = at;
        });
        const inSample = (j) => (seen + j) % step === 0;
        const parts = runParts(report, run.index, run.id, candidates, keep, {
            omittedRuns: r === 0 ? omittedRuns : 0,
            informationUri: options.informationUri,
        });
        put(parts.head);
        const ruleLength = new Int32Array(count);
        const sampledRules = new Map();
        let written = 0;
        for (let j = 0; j < keep; j += 1) {
            if (!introduces[j])
                continue;
            const rule = ruleJson(candidates[j]);
            ruleLength[j] = rule.length;
            if (inSample(j))
                sampledRules.set(j, rule);
            if (written > 0)
                put(',');
            written += 1;
            if (put(rule))
                yield flush();
        }
        put(parts.middle);
        const image = report.images[run.index];
        const at = imageJson(image, sarif_entries_location(image, options));
        const runCosts = [];
        for (let j = 0; j < count; j += 1) {
            const c = candidates[j];
            const result = resultJson(at, c, ruleAt[j]);
            // Past the count limit: rendered only for its cost and the sample, as renderSarif does.
            let rule = '';
            if (introduces[j]) {
                rule = j < keep ? (sampledRules.get(j) ?? '') : ruleJson(c);
                runCosts.push(result.length + 1 + (j < keep ? ruleLength[j] : rule.length) + 1);
            }
            else {
                runCosts.push(result.length + 1);
            }
            if (units < SAMPLE_UNITS && inSample(j)) {
                const piece = result + rule;
                sample.push(piece);
                units += piece.length;
            }
            if (j < keep) {
                if (j > 0)
                    put(',');
                if (put(result))
                    yield flush();
            }
        }
        costs.push(runCosts);
        seen += count;
        put(parts.tail);
    }
    put(LOG_TAIL);
    yield flush();
    // renderSarif's decision on the same numbers (its first attempt, settled by length).
    const rawTotal = costs.reduce((sum, c) => sum + c.reduce((a, n) => a + n, 0), 0);
    const ratio = 3 * rawTotal + slack <= maxGzip ? 3 : ratioOf(sample, units);
    const keep = sarif_limits_select(globalOrder(runs.map((run) => run.candidates)), costs, maxResults, (maxGzip - slack) / ratio);
    const size = sizeFromLength(length, ratio, maxGzip);
    if (keep.some((k, r) => k !== planned[r]) || size === null || size > maxGzip) {
        throw new SarifRestart();
    }
    tally.omittedRuns = omittedRuns;
    tally.omittedResults = runs.reduce((n, run, r) => n + run.candidates.length - planned[r], 0);
}

;// CONCATENATED MODULE: ./src/runtime/report-files.ts








async function writeFor(input, path, content, target) {
    const absolute = (0,external_node_path_.resolve)(target.cwd, path);
    // Refused before anything is rendered: runner command files, devices, directories, links out.
    await (0,files/* checkWriteTarget */.p7)(absolute, { input, env: target.env, workspace: target.cwd });
    try {
        return await (target.write ?? files/* writeOutputFile */.BF)(absolute, content);
    }
    catch (error) {
        // The text is rendered as it is written: only a file-system failure is the path's fault.
        if ((0,errors/* errnoCode */.UK)(error) === undefined)
            throw error;
        // A path the user gave that cannot be written is their configuration to fix, not a crash.
        throw (0,invalid/* inputProblem */.oi)(input, `could not write ${JSON.stringify(absolute)}: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/**
 * The complete JSON report (`report-file`), rendered as it is written; resolves to the
 * absolute path once written.
 */
function writeJsonReport(report, path, target) {
    return writeFor('report-file', path, jsonReportChunks(report), target);
}
/**
 * SARIF (`sarif-file`), its results anchored on the Dockerfile's FROM line when `dockerfile` is
 * set; returns the absolute path, or null when no SARIF file was asked for.
 */
async function writeSarifFile(report, settings, target, 
/** The JSON report's path, which the SARIF file may not overwrite. */
reportPath) {
    if (!settings.sarifFile)
        return null;
    if (reportPath !== undefined &&
        (0,external_node_path_.resolve)(target.cwd, settings.sarifFile) === (0,external_node_path_.resolve)(target.cwd, reportPath)) {
        throw (0,invalid/* inputProblem */.oi)('sarif-file', `${JSON.stringify(settings.sarifFile)} is the same file as report-file; give each its own path.`);
    }
    const anchor = dockerfileAnchor(settings, target.env, target.cwd);
    const options = {
        ...target.sarifLimits,
        ...(anchor ? { dockerfile: anchor } : {}),
        ...(settings.sarifCategory ? { categoryPrefix: settings.sarifCategory } : {}),
    };
    // Rendered as it is written; a log near GitHub's size limit is rendered whole instead, to
    // apply the limits (the temporary file of the first attempt is removed, never renamed).
    const tally = { omittedResults: 0, omittedRuns: 0 };
    let written;
    try {
        written = await writeFor('sarif-file', settings.sarifFile, streamSarif(report, options, tally), target);
    }
    catch (error) {
        if (!(error instanceof SarifRestart))
            throw error;
        const sarif = renderSarif(report, options);
        written = await writeFor('sarif-file', settings.sarifFile, sarif.chunks, target);
        Object.assign(tally, { omittedResults: sarif.omittedResults, omittedRuns: sarif.omittedRuns });
    }
    const note = sarifLeftOut(tally);
    if (note)
        target.notes?.push(note);
    return written;
}

;// CONCATENATED MODULE: ./src/publish.ts
// Every surface of a finished run for the action: JSON report and SARIF files, the log, the job
// summary, PR comments, annotations and step outputs. Loaded as its own chunk while the first AWS
// calls are in flight (main.ts): none of it is needed before findings arrive, and parsing it
// before the first request made start-up slower (issue 13 §1). main.ts decides the step's fate
// from what this returns; setFailed stays there.











/**
 * Writes every surface. Returns the message to fail the step with, or null when it passes:
 * the verdict's reasons, or (enforce) the files the workflow asked for and did not get.
 */
async function publish_publish(core, report, settings, logError) {
    // Every warning of the step is collected first: GitHub keeps 10 annotations per level per
    // step, so the detections get the slots the verdict and these warnings leave them.
    const stepWarnings = [];
    const { files, problems } = await writeFiles(stepWarnings, report, settings);
    for (const line of renderText(report, { color: false }).split('\n')) {
        core.info((0,report_escape/* neutralizeLogText */.jI)(line));
    }
    const anchor = settings ? dockerfileAnchor(settings, process.env) : undefined;
    if (settings?.dockerfile && !anchor) {
        stepWarnings.push(`Input 'dockerfile': ${JSON.stringify(settings.dockerfile)} could not be read or has no FROM line; annotations and SARIF results are not anchored to it.`);
    }
    if (settings?.jobSummary !== false) {
        const where = {
            reportFile: files.reportFile,
            reportFileTemporary: !settings?.reportFile,
            stepNotes: [...problems, ...stepWarnings],
        };
        await writeJobSummary(core, report, stepWarnings, where);
    }
    // An unusable compare-to reference changes what fails: it is an annotation, not a log line.
    for (const w of report.warnings)
        if (w.code === 'compare-to')
            stepWarnings.push(w.message);
    if (settings?.prComment && settings.githubToken) {
        const comment = { perImage: settings.prCommentPerImage, commentKey: settings.commentKey };
        stepWarnings.push(...(await publishPrComments(report, settings.githubToken, comment)));
    }
    const failing = (0,gate/* shouldFailStep */.iG)(report.result, report.mode);
    // A file the workflow asked for and did not get fails an enforcing step too.
    const failLine = failing || (problems.length > 0 && report.mode === 'enforce');
    const budget = detectionSlots(failLine, stepWarnings, problems.length);
    for (const warning of budget.logOnly)
        core.info((0,report_escape/* neutralizeLogText */.jI)(`Warning: ${warning}`));
    const annotations = buildAnnotations(report, {
        ...(anchor ? { dockerfile: anchor } : {}),
        slots: budget.slots,
    });
    for (const annotation of annotations) {
        core[annotation.level](annotation.message, annotationProperties(annotation));
    }
    for (const warning of budget.warnings)
        core.warning((0,report_escape/* neutralizeLogText */.jI)(warning));
    for (const [name, value] of Object.entries(buildOutputs(report, files))) {
        core.setOutput(name, value);
    }
    for (const problem of problems)
        core.error((0,report_escape/* neutralizeLogText */.jI)(problem));
    if (failing) {
        return (0,report_escape/* neutralizeLogText */.jI)(logError ?? report.error ?? `ecr-risk-gate: ${report.reasons.join('; ')}`);
    }
    // The verdict stands, but a file the workflow asked for is missing: enforce fails the step.
    if (problems.length > 0 && report.mode === 'enforce') {
        return (0,report_escape/* neutralizeLogText */.jI)(problems.join('; '));
    }
    return null;
}
/**
 * The JSON report is written for every run, even one that could not be evaluated. One file at a
 * time: the writes need the thread between batches, so overlapping them with rendering SARIF
 * would only keep both texts in memory together. A file that cannot be written is a problem to
 * report (by its input's name), never a reason to skip the verdict, annotations or outputs.
 */
async function writeFiles(warnings, report, settings) {
    const target = {
        cwd: process.env.GITHUB_WORKSPACE?.trim() || process.cwd(),
        env: process.env,
        notes: warnings,
    };
    const problems = [];
    const reportPath = settings?.reportFile || (0,files/* defaultReportPath */.j0)();
    let reportFile = '';
    try {
        reportFile = await writeJsonReport(report, reportPath, target);
    }
    catch (error) {
        problems.push(describeFileProblem('report-file', error));
    }
    let sarifFile = null;
    try {
        sarifFile = settings ? await writeSarifFile(report, settings, target, reportPath) : null;
    }
    catch (error) {
        problems.push(describeFileProblem('sarif-file', error));
    }
    return { files: { reportFile, sarifFile }, problems };
}
function describeFileProblem(input, error) {
    if (error instanceof errors/* UserError */.yo)
        return error.message;
    return `Input '${input}': the file could not be written: ${(0,errors/* errorMessage */.gJ)(error)}`;
}
async function writeJobSummary(core, report, warnings, where) {
    try {
        await core.summary.addRaw(renderSummary(report, where)).write();
    }
    catch (error) {
        // No GITHUB_STEP_SUMMARY outside a runner: the summary is optional, the verdict is not.
        warnings.push(`Job summary not written: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}


/***/ })

};

//# sourceMappingURL=370.index.js.map