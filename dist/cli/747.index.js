export const id = 747;
export const ids = [747];
export const modules = {

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


/***/ })

};

//# sourceMappingURL=747.index.js.map