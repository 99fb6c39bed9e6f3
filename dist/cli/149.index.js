export const id = 149;
export const ids = [149,747];
export const modules = {

/***/ 4149:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildReport: () => (/* binding */ buildReport)
});

// EXTERNAL MODULE: ./src/gate.ts
var gate = __webpack_require__(1956);
// EXTERNAL MODULE: ./src/rules/findings.ts
var findings = __webpack_require__(6749);
// EXTERNAL MODULE: ./src/rules/versions.ts
var versions = __webpack_require__(4746);
;// CONCATENATED MODULE: ./src/rules/ignores.ts

const UNFIXED_REASON = 'no fix available (ignore-unfixed: true)';
const DAY_MS = 24 * 60 * 60 * 1000;
/** An entry applies through the end of its `expires` day, UTC. */
function isIgnoreExpired(rule, now) {
    if (rule.expires === undefined)
        return false;
    const start = Date.parse(`${rule.expires}T00:00:00Z`);
    // An unparseable date never reaches here (the policy parser rejects it); fail open would hide
    // findings forever, so treat it as expired.
    if (Number.isNaN(start))
        return true;
    return now.getTime() >= start + DAY_MS;
}
// CVE ids and package names are compared case-insensitively: scanners and people disagree on
// `cve-` vs `CVE-` and `OpenSSL` vs `openssl`.
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
/** An entry without an id covers every finding; its package fields then say which parts. */
const matchesFinding = (rule, finding) => {
    if (rule.id === undefined)
        return true;
    const names = [rule.id, ...(rule.aliases ?? [])];
    return names.some((name) => same(name, finding.id) || same(name, finding.name));
};
/**
 * purl-spec's oci type (https://github.com/package-url/purl-spec, PURL-TYPES.rst): the name is
 * the last path segment of the repository, lower case; the version is the digest;
 * `repository_url` names the registry and full repository. An entry scoped to an image never
 * applies when the image is unknown.
 */
function appliesToImage(rule, image) {
    if (rule.image === undefined)
        return true;
    if (image === undefined)
        return false;
    const last = image.repository.split('/').pop() ?? image.repository;
    if (!same(rule.image.name, last))
        return false;
    if (rule.image.digest !== undefined &&
        !image.digests.some((d) => same(d, rule.image?.digest ?? '')))
        return false;
    const url = trimSlashes(rule.image.repositoryUrl?.replace(/^[a-z]+:\/\//i, ''));
    return url === undefined || same(url, `${image.host}/${image.repository}`);
}
/** Trailing slashes off; a loop, not /\/+$/, which is quadratic on a long run of slashes. */
function trimSlashes(text) {
    if (text === undefined)
        return undefined;
    let end = text.length;
    while (end > 0 && text.charAt(end - 1) === '/')
        end--;
    return text.slice(0, end);
}
/** Whether the entry is about some packages only (else it covers the whole finding). */
const isScoped = (rule) => rule.package !== undefined || rule.paths !== undefined || rule.purls !== undefined;
/**
 * A package the entry covers. A version range is compared by the package's own ecosystem; a
 * version that cannot be read there never matches, so the finding keeps counting (fail closed).
 */
function matchesPackage(rule, p) {
    if (rule.package !== undefined && !same(p.name, rule.package))
        return false;
    if (rule.version !== undefined) {
        const range = (0,versions/* parseRange */.RC)(rule.version);
        if (range === null)
            return false;
        const version = p.version ?? '';
        if (!(0,versions/* satisfies */.ib)(version, range, (0,versions/* ecosystemsOf */.Zu)(p.packageManager, version)))
            return false;
    }
    const file = (p.filePath ?? '').replace(/^\/+/, '');
    if (rule.paths !== undefined && !rule.paths.some((path) => file === path))
        return false;
    if (rule.purls !== undefined &&
        !rule.purls.some((purl) => same(purl.name, p.name) && (purl.version === undefined || purl.version === p.version)))
        return false;
    return true;
}
const withReason = (part, rule) => ({
    ...part,
    reason: rule.reason,
    by: rule.by ?? 'policy',
    source: rule.source,
    ...(rule.expires === undefined ? {} : { expires: rule.expires }),
});
/**
 * Applies the policy's ignore entries and `ignore-unfixed` to one image's findings. Pure: the
 * caller merges `used` across images before asking for stale-entry warnings.
 */
function applyIgnores(findings, ignores, options) {
    const active = ignores.filter((rule) => !isIgnoreExpired(rule, options.now) && appliesToImage(rule, options.image));
    const kept = [];
    const ignored = [];
    const used = new Set();
    for (const finding of findings) {
        const matching = active.filter((rule) => matchesFinding(rule, finding));
        const whole = matching.find((rule) => !isScoped(rule));
        if (whole !== undefined) {
            for (const rule of matching)
                used.add(rule);
            ignored.push(withReason({ finding }, whole));
            continue;
        }
        let remaining = finding.packages;
        for (const rule of matching) {
            const hit = remaining.filter((p) => matchesPackage(rule, p));
            if (hit.length === 0)
                continue;
            used.add(rule);
            remaining = remaining.filter((p) => !hit.includes(p));
            const names = [...new Set(hit.map((p) => p.name))];
            for (const name of names)
                ignored.push(withReason({ finding, package: name }, rule));
        }
        if (remaining.length === 0 && finding.packages.length > 0)
            continue;
        const rest = remaining === finding.packages ? finding : { ...finding, packages: remaining };
        if (options.ignoreUnfixed && rest.source === 'enhanced' && rest.fixAvailable === 'NO') {
            ignored.push({ finding, reason: UNFIXED_REASON, by: 'unfixed' });
            continue;
        }
        kept.push(rest);
    }
    return { kept, ignored, used };
}
function describe(rule) {
    const version = rule.version === undefined ? '' : ` ${rule.version}`;
    const pkg = rule.package === undefined ? '' : `package ${rule.package}${version}`;
    const what = rule.id === undefined ? pkg : `${rule.id}${pkg ? ` (${pkg})` : ''}`;
    const kind = rule.by === 'vex'
        ? 'VEX statement'
        : rule.by === 'trivyignore'
            ? 'trivyignore entry'
            : 'Ignore entry';
    return `${kind} ${what} at ${rule.source}`;
}
/**
 * Warnings for the report: expired entries (they no longer hide anything) and unexpired entries
 * that matched no finding in any gated image (stale; probably fixed and safe to remove).
 */
function ignoreWarnings(ignores, used, now) {
    const warnings = [];
    for (const rule of ignores) {
        if (isIgnoreExpired(rule, now)) {
            warnings.push({
                code: 'ignore-expired',
                message: `${describe(rule)} expired on ${rule.expires ?? '?'} and no longer applies; renew it with a new date or remove it.`,
            });
        }
        else if (!used.has(rule)) {
            warnings.push({
                code: 'ignore-stale',
                message: `${describe(rule)} matched no finding in any gated image; remove it if it is no longer needed.`,
            });
        }
    }
    return warnings;
}

// EXTERNAL MODULE: ./src/rules/uploader.ts + 3 modules
var uploader = __webpack_require__(3910);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
// EXTERNAL MODULE: ./src/rules/catalog.ts
var catalog = __webpack_require__(1212);
;// CONCATENATED MODULE: ./src/rules/counts.ts


const emptyCounts = () => ({
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    informational: 0,
    undefined: 0,
});
/** Distinct findings per severity after ignores: one per non-ignored finding row. */
function countBySeverity(detections) {
    const counts = emptyCounts();
    for (const severity of model/* SEVERITIES */.oC) {
        const rule = catalog/* SEVERITY_RULE */.nv[severity];
        counts[rule] = detections.filter((d) => d.rule === rule && !d.ignored).length;
    }
    return counts;
}
function addCounts(a, b) {
    const sum = emptyCounts();
    for (const key of Object.keys(sum))
        sum[key] = a[key] + b[key];
    return sum;
}

// EXTERNAL MODULE: ./src/resolve-all.ts
var resolve_all = __webpack_require__(9085);
// EXTERNAL MODULE: ./src/warnings.ts
var src_warnings = __webpack_require__(286);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/compare.ts + 1 modules
var compare = __webpack_require__(4747);
;// CONCATENATED MODULE: ./src/build-report.ts









function buildReport(settings, evaluated, meta) {
    const detections = [];
    const ignored = [];
    const warnings = [];
    const usedIgnores = new Set();
    const images = [];
    evaluated.forEach(({ image, scan, evidence }, imageIndex) => {
        const own = [];
        const applied = applyIgnores(scan.findings, settings.ignores, {
            ignoreUnfixed: settings.ignoreUnfixed,
            now: meta.now,
            // OpenVEX statements name their image by purl (rules/ignores.ts appliesToImage).
            image: {
                repository: image.repository,
                digests: [image.imageDigest, ...(image.indexDigest ? [image.indexDigest] : [])],
                host: `${image.registryId}.dkr.ecr.${image.region}.amazonaws.com${image.region.startsWith('cn-') ? '.cn' : ''}`,
            },
        });
        for (const rule of applied.used)
            usedIgnores.add(rule);
        for (const item of applied.ignored) {
            ignored.push({
                imageIndex,
                findingId: item.finding.id,
                severity: item.finding.severity,
                reason: item.reason,
                by: item.by,
                ...(item.package === undefined ? {} : { package: item.package }),
                ...(item.expires === undefined ? {} : { expires: item.expires }),
                ...(item.source === undefined ? {} : { source: item.source }),
            });
        }
        // An image that could not be resolved was never checked: with the check on that is
        // unverified, not skipped.
        let uploaderStatus = settings.uploaderCheck && scan.status === resolve_all/* UNRESOLVED */.gm ? 'unverified' : 'skipped';
        if (evidence) {
            const judged = (0,uploader/* uploaderDetections */.LI)({
                image,
                imageIndex,
                evidence,
                knownUploaders: settings.knownUploaders,
                historyDays: settings.uploaderHistoryDays,
                levels: settings.levels,
                businessHours: settings.businessHours,
            });
            uploaderStatus = judged.status;
            own.push(...judged.detections);
            warnings.push(...judged.warnings.map((w) => (0,src_warnings/* forImage */.hW)(image, w)));
        }
        else {
            // uploader-check false: ECR alone still proves a moved tag (issue 18 §3.3).
            const moved = (0,uploader/* tagMovedDetection */.dY)(image, imageIndex, settings.levels);
            if (moved)
                own.push(moved);
        }
        const push = evidence?.push;
        // A loop, not push(...): 130,000 findings as call arguments overflow the stack (issue 19).
        for (const detection of (0,findings/* findingDetections */.eL)({
            image,
            imageIndex,
            scan,
            kept: applied.kept,
            ignored: applied.ignored,
            levels: settings.levels,
            ...(push ? { user: push.principal.name, srcIp: push.sourceIp } : {}),
        }))
            own.push(detection);
        const incomplete = (0,findings/* scanIncompleteDetection */.Zh)({
            image,
            imageIndex,
            scan,
            levels: settings.levels,
            now: meta.now,
        });
        if (incomplete)
            own.push(incomplete);
        let comparison;
        if (meta.reference) {
            const applied = (0,compare.compareImage)(meta.reference, image, scan, own, settings.compareUnchanged);
            comparison = applied.comparison;
            if (applied.warning)
                warnings.push((0,src_warnings/* forImage */.hW)(image, applied.warning));
        }
        for (const note of scan.notes ?? []) {
            warnings.push((0,src_warnings/* forImage */.hW)(image, { code: (0,src_warnings/* scanNoteCode */.Bu)(note), message: note }));
        }
        const verdict = (0,gate/* decide */.LD)(own, null);
        const report = imageReport(image, scan, evidence, uploaderStatus, own, verdict, settings);
        images.push(comparison ? { ...report, compare: comparison } : report);
        for (const detection of own)
            detections.push(detection);
    });
    for (const message of settings.skippedImages)
        warnings.push({ code: 'skipped', message });
    if (!settings.uploaderCheck) {
        warnings.push({
            code: 'skipped',
            message: 'uploader-check is false: unknown-uploader, cross-account-uploader, unverified-uploader and outside-business-hours were not evaluated; tag-overwrite was judged from ECR alone (whether the gated tag now points at another digest)',
        });
    }
    warnings.push(...ignoreWarnings(settings.ignores, usedIgnores, meta.now));
    const verdict = (0,gate/* decide */.LD)(detections, settings.riskThreshold);
    const compared = meta.reference
        ? (0,compare.finishCompare)(meta.reference, images, settings.compareUnchanged)
        : null;
    if (compared)
        verdict.reasons.push(compared.reason);
    return {
        schemaVersion: 2,
        tool: { name: version/* TOOL_NAME */.l, version: version/* VERSION */.x },
        generatedAt: meta.now.toISOString(),
        mode: settings.mode,
        result: verdict.result,
        reasons: verdict.reasons,
        riskScore: verdict.riskScore,
        riskThreshold: settings.riskThreshold,
        images,
        detections,
        ignored,
        warnings: (0,src_warnings/* dedupeWarnings */.ZP)(warnings),
        ...(compared ? { compareTo: compared.compareTo } : {}),
        calls: meta.calls,
        durationMs: meta.durationMs,
        error: null,
    };
}
function imageReport(image, scan, evidence, status, own, verdict, settings) {
    const push = evidence?.push;
    const seen = new Set((evidence?.history ?? []).map((e) => e.principal.key));
    return {
        input: image.target.raw,
        registryId: image.registryId,
        region: image.region,
        repository: image.repository,
        imageDigest: image.imageDigest,
        imageTags: (0,resolve_all/* gatedTagsFirst */.dx)(image),
        pushedAt: image.pushedAt?.toISOString() ?? null,
        ...(image.platform ? { platform: image.platform } : {}),
        ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
        result: verdict.result,
        riskScore: verdict.riskScore,
        scan: {
            type: (scan.status === 'NOT_FOUND' || scan.status === resolve_all/* UNRESOLVED */.gm) && scan.findings.length === 0
                ? null
                : scan.type,
            status: scan.status,
            description: scan.description ?? null,
            completedAt: scan.completedAt?.toISOString() ?? null,
            counts: countBySeverity(own),
            findings: scan.findings,
        },
        uploader: {
            status,
            principal: push?.principal.key ?? null,
            type: push?.principal.type ?? null,
            accountId: push?.principal.accountId ?? null,
            eventTime: push?.eventTime.toISOString() ?? null,
            eventId: push?.eventId ?? null,
            userName: push?.userName ?? null,
            sessionName: push?.principal.sessionName ?? null,
            reason: evidence?.reason ?? null,
            baseline: {
                days: settings.uploaderHistoryDays,
                principals: seen.size,
                complete: evidence?.historyComplete ?? true,
                reachesBack: evidence?.historyReachesBack?.toISOString() ?? null,
            },
            lookup: evidence?.stats ?? null,
        },
    };
}


/***/ }),

/***/ 4747:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  compareImage: () => (/* binding */ compareImage),
  compareReason: () => (/* binding */ compareReason),
  compareSummary: () => (/* binding */ compareSummary),
  finishCompare: () => (/* binding */ finishCompare),
  pickReference: () => (/* binding */ pickReference),
  readReference: () => (/* binding */ readReference),
  startReference: () => (/* binding */ startReference)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
;// CONCATENATED MODULE: ./src/rules/compare.ts

// `compare-to`: which findings this release adds against a reference image (issue 14 §1). Pure.
//
// The key of a finding is its vulnerability id plus the affected package name, not the seed's
// `"<name>, <description>"` row string and not the package version:
// - Inspector and the basic scanner rewrite descriptions when their databases update, so the same
//   CVE in the same package would look "new" after every feed refresh;
// - a version bump that is still vulnerable (openssl 3.0.13 → 3.0.14, both affected) is not a
//   vulnerability this release introduced, while the same CVE arriving through another package
//   (a second copy of log4j in a new jar) is.
// Evidence: ECR's PackageVulnerabilityDetails names `vulnerabilityId` "a unique identifier for this
// vulnerability" next to `vulnerablePackages` and `vendorUpdatedAt` ("when the vendor last updated
// this vulnerability in their database"), and an enhanced finding carries `updatedAt`
// (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_PackageVulnerabilityDetails.html,
// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EnhancedImageScanFinding.html);
// basic findings carry the CVE as `name` and the package as the `package_name` attribute.
// A row of several packages is `unchanged` only when every one of its packages was already
// vulnerable to that id in the reference: one new vulnerable package makes the row new (fail closed).
const compareKey = (id, packageName) => `${id.trim()}\u0000${packageName.trim()}`;
/** One key per affected package; a finding without packages is keyed by its id alone. */
function findingKeys(finding) {
    return finding.packages.length === 0
        ? [compareKey(finding.id, '')]
        : finding.packages.map((p) => compareKey(finding.id, p.name));
}
function referenceKeys(findings) {
    const keys = new Set();
    for (const finding of findings)
        for (const key of findingKeys(finding))
            keys.add(key);
    return keys;
}
const LEVEL_ORDER = ['off', 'notice', 'warn', 'fail'];
/** The more lenient of the rule's level and the cap: a cap never raises a level. */
function capLevel(level, cap) {
    return LEVEL_ORDER.indexOf(level) <= LEVEL_ORDER.indexOf(cap) ? level : cap;
}
/**
 * Marks every finding row `new` or `unchanged` against the reference's keys (null: the reference
 * could not be read, so every row is new and the gate keeps its absolute behaviour). Unchanged
 * rows are capped at `unchangedCap` and add no risk unless the cap is `fail` (a finding already in
 * production must not trip `risk-threshold` when it cannot fail the gate by itself). Counts are of
 * rows that are not ignored. Mutates the rows it is given (they are the engine's own).
 */
function markDetections(detections, reference, unchangedCap) {
    const counts = { new: 0, unchanged: 0 };
    for (const d of detections) {
        if (d.findingId === undefined)
            continue;
        const unchanged = reference !== null &&
            findingKeys({ id: d.findingId, packages: d.packages ?? [] }).every((k) => reference.has(k));
        d.compare = unchanged ? 'unchanged' : 'new';
        if (unchanged) {
            d.level = capLevel(d.level, unchangedCap);
            if (unchangedCap !== 'fail')
                d.countsRisk = false;
        }
        if (!d.ignored)
            counts[d.compare] += 1;
    }
    return counts;
}
const SEVERITY_RANK = new Map(model/* SEVERITIES */.oC.map((s, i) => [s, i]));
/**
 * Findings of the reference the gated image no longer has (by the same key), one entry per id,
 * most severe first. Every gated finding counts, ignored ones too: a finding still present is not
 * fixed because a policy ignores it.
 */
function fixedFindings(reference, gated) {
    const present = referenceKeys(gated);
    const byId = new Map();
    for (const finding of reference) {
        const gone = finding.packages.length === 0
            ? present.has(compareKey(finding.id, ''))
                ? []
                : ['']
            : finding.packages
                .map((p) => p.name)
                .filter((n) => !present.has(compareKey(finding.id, n)));
        if (gone.length === 0)
            continue;
        const entry = byId.get(finding.id);
        const names = gone.filter((n) => n !== '');
        if (entry) {
            for (const n of names)
                if (!entry.packages.includes(n))
                    entry.packages.push(n);
            continue;
        }
        byId.set(finding.id, {
            id: finding.id,
            severity: finding.severity,
            packages: [...new Set(names)],
            ...(finding.title ? { title: finding.title } : {}),
        });
    }
    return [...byId.values()].sort((a, b) => (SEVERITY_RANK.get(a.severity) ?? 9) - (SEVERITY_RANK.get(b.severity) ?? 9) ||
        a.id.localeCompare(b.id));
}

;// CONCATENATED MODULE: ./src/compare.ts



const CONCURRENCY = 4;
/** The reference read of a run (null without compare-to), started alongside the gated scans. */
function startReference(settings, gated, deps) {
    if (!settings.compareTo)
        return Promise.resolve(null);
    return readReference(settings.compareTo, gated, {
        region: settings.region,
        timeoutMs: settings.scanTimeoutSeconds * 1000,
        settleMs: settings.scanSettleSeconds * 1000,
    }, deps);
}
/**
 * The reference manifest a gated image is compared with: the same platform of an index, else the
 * single manifest. A string says why there is none.
 */
function pickReference(read, image) {
    if (read.reason !== null)
        return read.reason;
    const { manifests } = read;
    if (manifests.length === 0)
        return 'it resolved to no image manifest';
    const only = manifests.length === 1 ? manifests[0] : undefined;
    if (image.platform !== undefined) {
        const same = manifests.find((m) => m.image.platform === image.platform);
        if (same)
            return same;
        // A single manifest of unknown platform is the best there is; one platform of an index that
        // is not this platform is another image (other binaries, other packages).
        if (only && only.image.platform === undefined)
            return only;
        return `it has no ${image.platform} manifest (it has ${platformsOf(read)})`;
    }
    if (only)
        return only;
    return `it is a multi-platform index (${platformsOf(read)}) and the gated image is a single manifest of unknown platform`;
}
const platformsOf = (read) => read.manifests.map((m) => m.image.platform ?? 'unknown').join(', ');
/** Resolves the reference and waits for the scans of the manifests the gated images need. Never throws. */
async function readReference(target, gated, options, deps) {
    let resolved;
    try {
        resolved = await deps.ecr.resolve(target, options.region);
    }
    catch (error) {
        // Not found, denied, throttled past retries: all mean "no reference", never a crash.
        // The message ends a sentence of its own; ours continue after it.
        const reason = (0,errors/* errorMessage */.gJ)(error).trim().replace(/\.+$/, '');
        return { target, digest: target.digest ?? null, manifests: [], reason };
    }
    const first = resolved[0];
    const read = {
        target,
        digest: first?.indexDigest ?? first?.imageDigest ?? target.digest ?? null,
        manifests: resolved.map((image) => ({
            image,
            scan: null,
            reason: image.notGated ?? null,
        })),
        reason: null,
    };
    const needed = new Set();
    for (const image of gated) {
        const picked = pickReference(read, image);
        if (typeof picked !== 'string' && picked.reason === null)
            needed.add(picked);
    }
    await (0,concurrency/* mapLimit */.s)([...needed], CONCURRENCY, async (manifest) => {
        manifest.scan = await deps.ecr.waitForScan(manifest.image, {
            timeoutMs: options.timeoutMs,
            settleMs: options.settleMs,
            ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
        });
        if (!manifest.scan.usable) {
            const why = manifest.scan.description ? `: ${manifest.scan.description}` : '';
            manifest.reason = `it has no usable scan (${manifest.scan.status}${why})`;
        }
    });
    return read;
}
/**
 * Marks the finding rows of one gated image against the reference and caps unchanged ones.
 * Without a usable reference every row is new: the gate falls back to absolute counts.
 */
function compareImage(read, image, scan, detections, unchangedCap) {
    const picked = pickReference(read, image);
    let reason = typeof picked === 'string' ? picked : picked.reason;
    const manifest = typeof picked === 'string' ? null : picked;
    // Compared with itself nothing could ever be new: a reference tag that already moved to the
    // gated image (`:prod` re-pointed before the gate ran) must not turn the gate off.
    if (reason === null && manifest?.image.imageDigest === image.imageDigest) {
        reason = `it is the gated image itself (${image.imageDigest}), so nothing could be new`;
    }
    const referenceScan = reason === null ? (manifest?.scan ?? null) : null;
    const counts = markDetections(detections, referenceScan ? referenceKeys(referenceScan.findings) : null, unchangedCap);
    const comparison = {
        status: referenceScan ? 'compared' : 'unreadable',
        digest: manifest?.image.imageDigest ?? null,
        reason: referenceScan ? null : (reason ?? 'it could not be read'),
        new: counts.new,
        unchanged: counts.unchanged,
        // Without a usable scan of the gated image nothing is known to be fixed.
        fixed: referenceScan && scan.usable ? fixedFindings(referenceScan.findings, scan.findings) : [],
    };
    let warning = null;
    if (!referenceScan) {
        warning = {
            code: 'compare-to',
            message: `compare-to ${read.target.raw} could not be used: ${comparison.reason}. Every finding of this image was counted as new (absolute counts).`,
        };
    }
    else if (scan.usable && referenceScan.type !== scan.type) {
        // Basic (Clair) and enhanced (Inspector) scanners name packages and findings differently:
        // the comparison errs towards "new", which is safe but worth knowing when everything is new.
        warning = {
            code: 'compare-to',
            message: `compare-to ${read.target.raw} was scanned with ${referenceScan.type} scanning and this image with ${scan.type}: the scanners name findings and packages differently, so findings may show as new that are not.`,
        };
    }
    return { comparison, warning };
}
/** The run's `compareTo` from the per-image comparisons. */
function compareSummary(read, comparisons, unchangedCap) {
    const compared = comparisons.filter((c) => c.status === 'compared').length;
    const status = compared === comparisons.length && compared > 0
        ? 'compared'
        : compared === 0
            ? 'unreadable'
            : 'partial';
    const reason = read.reason ?? comparisons.find((c) => c.status === 'unreadable')?.reason ?? null;
    return {
        reference: read.target.raw,
        digest: read.digest,
        status,
        reason: status === 'compared' ? null : reason,
        unchanged: unchangedCap,
    };
}
/** The run's `compareTo` from its images, and the line it adds to the report's reasons. */
function finishCompare(read, images, unchangedCap) {
    const comparisons = images.flatMap((i) => (i.compare ? [i.compare] : []));
    const compareTo = compareSummary(read, comparisons, unchangedCap);
    return { compareTo, reason: compareReason(compareTo, comparisons) };
}
/** One line for the report's reasons: what the comparison did to the verdict. */
function compareReason(compareTo, comparisons) {
    const sum = (f) => comparisons.reduce((n, c) => n + f(c), 0);
    const counted = `${sum((c) => c.new)} new, ${sum((c) => c.unchanged)} unchanged, ${sum((c) => c.fixed.length)} fixed`;
    if (compareTo.status === 'unreadable') {
        return `compare-to ${compareTo.reference} could not be read (${compareTo.reason ?? 'unknown reason'}): every finding counted as new`;
    }
    const partial = compareTo.status === 'partial'
        ? ' (some images could not be compared: their findings count as new)'
        : '';
    const capped = compareTo.unchanged === 'fail'
        ? 'unchanged findings keep their level'
        : `unchanged findings at most ${compareTo.unchanged}`;
    return `compared with ${compareTo.reference}: ${counted}; ${capped}${partial}`;
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

//# sourceMappingURL=149.index.js.map