export const id = 0;
export const ids = [0];
export const modules = {

/***/ 1000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  evaluateSweep: () => (/* binding */ evaluateSweep),
  mergeSweep: () => (/* binding */ mergeSweep)
});

// EXTERNAL MODULE: ./src/inputs/sweep-window.ts
var sweep_window = __webpack_require__(9094);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/gate.ts
var gate = __webpack_require__(1956);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/rules/catalog.ts
var catalog = __webpack_require__(1212);
// EXTERNAL MODULE: ./src/rules/time.ts
var time = __webpack_require__(3838);
// EXTERNAL MODULE: ./src/resolve-all.ts
var resolve_all = __webpack_require__(9085);
;// CONCATENATED MODULE: ./src/sweep-gate.ts
// Gating what a sweep found (issue 15): each pushed manifest's scan, an image deleted since its
// push said to be deleted, and the fail-closed row of a region that could not be read.





const CONCURRENCY = 4;
/** ECR's own answer for an image deleted since its push (ecr-resolve.ts, aws-error-text.ts). */
const DELETED = 'ImageNotFoundException';
/** Resolves and waits for one pushed manifest; a deleted image is said to be deleted. */
async function gatePushed(push, settings, ecr, deadline) {
    const digest = push.digest ?? '';
    const target = {
        raw: `${push.registryId}.dkr.ecr.${push.region}.amazonaws.com/${push.repository}@${digest}`,
        repository: push.repository,
        registryId: push.registryId,
        region: push.region,
        digest,
    };
    const placeholder = {
        target,
        registryId: push.registryId,
        region: push.region,
        repository: push.repository,
        imageDigest: digest,
        imageTags: push.tag ? [push.tag] : [],
        pushedAt: push.eventTime,
    };
    let images;
    try {
        images = await ecr.resolve(target, push.region);
    }
    catch (error) {
        const message = (0,errors/* errorMessage */.gJ)(error);
        // By the AWS error's name, never its wording (the translated text is for people).
        const deleted = error instanceof errors/* UserError */.yo && error.awsName === DELETED;
        return [
            {
                image: placeholder,
                evidence: null,
                scan: {
                    type: 'BASIC',
                    status: deleted ? 'DELETED' : resolve_all/* UNRESOLVED */.gm,
                    description: deleted
                        ? 'deleted since the push (ImageNotFoundException): there is nothing left to scan or deploy'
                        : `the image could not be resolved, so it was not gated: ${message}`,
                    // A deleted image cannot be deployed: nothing is missing. Anything else fails closed.
                    usable: deleted,
                    findings: [],
                    calls: 0,
                },
            },
        ];
    }
    // scan-timeout bounds the whole step, not each image.
    return (0,concurrency/* mapLimit */.s)(images, CONCURRENCY, async (image) => ({
        image,
        evidence: null,
        scan: await ecr.waitForScan(image, {
            timeoutMs: Math.max(0, deadline - Date.now()),
            settleMs: settings.scanSettleSeconds * 1000,
        }),
    }));
}
/** The fail-closed row for a region whose PutImage events could not all be read. */
function unreadRow(read, settings, start, end, now) {
    const spec = catalog/* RULES */.y0['unverified-uploader'];
    const what = `every PutImage of ${read.region} from ${start.toISOString()} to ${end.toISOString()}`;
    return {
        ...(0,catalog/* riskEvent */.ke)('unverified-uploader', settings.levels['unverified-uploader'], 0, (0,time/* splunkTime */.tr)(now)),
        // A scheduled watch that could not read a region saw nothing there: that fails, whatever the
        // level of unverified-uploader (a per-push lookup that is only late stays a warning). A
        // warning would leave the hourly job green while a revoked permission blinds it.
        level: 'fail',
        message: (0,catalog/* fillMessage */.fu)(spec.message, { image: what }),
        awsRegion: read.region,
        eventName: 'PutImage',
        eventSource: 'ecr.amazonaws.com',
        detail: read.error ?? 'the read did not finish',
    };
}

// EXTERNAL MODULE: ./src/rules/uploader.ts + 3 modules
var uploader = __webpack_require__(3910);
;// CONCATENATED MODULE: ./src/rules/sweep-rows.ts



/** The SPL's `by` clause; severity and phase are constants of the search. */
function rowKey(push) {
    return [
        push.region,
        push.principal.name,
        push.userName,
        push.sourceIp,
        push.tag ?? '',
        push.registryId,
        push.repository,
    ].join('\u0000');
}
/** Pushes grouped by the SPL's fields, oldest event first in each group, groups by first time. */
function groupPushes(pushes) {
    const groups = new Map();
    const sorted = [...pushes].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
    for (const push of sorted) {
        const key = rowKey(push);
        const group = groups.get(key);
        if (group)
            group.push(push);
        else
            groups.set(key, [push]);
    }
    return [...groups.values()];
}
/** Pushes seen once, by CloudTrail's event id: overlapping windows or regions count once. */
function dedupeByEventId(pushes) {
    const seen = new Map();
    for (const push of pushes)
        if (!seen.has(push.eventId))
            seen.set(push.eventId, push);
    return [...seen.values()];
}
const repositoryKey = (p) => `${p.region}/${p.registryId}/${p.repository}`;
/** Rows of the seed search, each judged by the uploader rules as one push of the gated path is. */
function judgeSweep(input) {
    const rows = [];
    const detections = [];
    const byTag = new Map();
    for (const push of input.pushes) {
        if (push.tag === undefined)
            continue;
        const key = `${repositoryKey(push)}:${push.tag}`;
        byTag.set(key, [...(byTag.get(key) ?? []), push]);
    }
    for (const group of groupPushes(input.pushes)) {
        const first = group[0];
        const last = group[group.length - 1];
        if (!first || !last)
            continue;
        const baseline = input.baselines.get(repositoryKey(first)) ?? { pushes: [], complete: true };
        // Another principal pushing the same tag in the window is an overwrite; the same principal
        // re-pushing its tag (`latest` on every build) is routine.
        const tagPushes = first.tag === undefined
            ? []
            : (byTag.get(`${repositoryKey(first)}:${first.tag}`) ?? []).filter((p) => p.principal.key !== first.principal.key &&
                p.eventTime.getTime() >= first.eventTime.getTime());
        const image = {
            target: {
                raw: `${first.repository}${first.tag ? `:${first.tag}` : ''}`,
                repository: first.repository,
                registryId: first.registryId,
                region: first.region,
                ...(first.tag ? { tag: first.tag } : {}),
            },
            registryId: first.registryId,
            region: first.region,
            repository: first.repository,
            imageDigest: first.digest ?? '',
            imageTags: first.tag ? [first.tag] : [],
        };
        const imageIndex = input.imageIndexOf(last);
        const judged = (0,uploader/* uploaderDetections */.LI)({
            image,
            imageIndex,
            evidence: {
                state: 'found',
                push: first,
                tagPushes,
                history: baseline.pushes,
                historyComplete: baseline.complete,
                ...(baseline.error === undefined ? {} : { historyError: baseline.error }),
                stats: { strategy: 'sweep', calls: 0, pages: 0, events: 0, malformed: 0, throttled: 0 },
            },
            knownUploaders: input.knownUploaders,
            historyDays: input.historyDays,
            levels: input.levels,
            businessHours: input.businessHours,
        });
        const firstTime = (0,time/* splunkTime */.tr)(first.eventTime);
        const lastTime = (0,time/* splunkTime */.tr)(last.eventTime);
        for (const d of judged.detections) {
            // The row's span, as the seed's min(_time)/max(_time); a tag-overwrite row keeps its own.
            if (d.rule !== 'tag-overwrite') {
                d.firstTime = firstTime;
                d.lastTime = lastTime;
            }
            detections.push(d);
        }
        const digests = [...new Set(group.flatMap((p) => (p.digest ? [p.digest] : [])))];
        rows.push({
            awsRegion: first.region,
            eventName: 'PutImage',
            eventSource: 'ecr.amazonaws.com',
            user: first.principal.name,
            userName: first.userName,
            src_ip: first.sourceIp,
            ...(first.tag === undefined ? {} : { imageTag: first.tag }),
            registryId: first.registryId,
            image: first.repository,
            phase: 'release',
            severity: catalog/* RULES */.y0['unknown-uploader'].severity,
            firstTime,
            lastTime,
            count: group.length,
            principal: first.principal.key,
            status: judged.status,
            digests,
            rules: [...new Set(judged.detections.map((d) => d.rule))],
        });
    }
    return { rows, detections };
}
/** Rows that need a look first: a rule fired at fail or warn, then by rule count. */
function rowsNeedingALook(rows) {
    return rows.filter((row) => row.rules.length > 0);
}

// EXTERNAL MODULE: ./src/warnings.ts
var src_warnings = __webpack_require__(286);
;// CONCATENATED MODULE: ./src/sweep.ts






const sweep_CONCURRENCY = 4;
const imageKey = (p, digest) => `${repositoryKey(p)}@${digest}`;
/** Reads, groups and judges; the scans of every pushed manifest are waited for here too. */
async function evaluateSweep(settings, deps) {
    const window = settings.sweep;
    if (!window)
        throw new Error('evaluateSweep needs settings.sweep');
    const now = (deps.now ?? (() => new Date()))();
    const { start, end } = (0,sweep_window/* windowAt */.MF)(window, now);
    // uploader-timeout bounds the whole CloudTrail phase (the window and every baseline), as it
    // bounds the find and history of a per-image run.
    const phaseEnd = Date.now() + settings.uploaderTimeoutSeconds * 1000;
    const readOptions = { timeoutMs: settings.uploaderTimeoutSeconds * 1000 };
    const left = () => ({ timeoutMs: Math.max(0, phaseEnd - Date.now()) });
    // Scans are waited for as pages arrive, not after the (paced) read: a busy account's read
    // takes minutes, and its scans are mostly long done. scan-timeout counts from the sweep's start.
    const deadline = Date.now() + settings.scanTimeoutSeconds * 1000;
    const gating = new Map();
    const slot = (0,concurrency/* limitConcurrency */.f)(sweep_CONCURRENCY);
    const gate = (push) => {
        const key = imageKey(push, push.digest ?? '');
        let pending = gating.get(key);
        if (!pending) {
            pending = slot(() => gatePushed(push, settings, deps.ecr, deadline));
            // Awaited after the read; until then a denial must not count as an unhandled rejection.
            pending.catch(() => undefined);
            gating.set(key, pending);
        }
        return pending;
    };
    const onPushes = (page) => {
        for (const push of page)
            if (push.digest)
                void gate(push);
    };
    const reads = await Promise.all(settings.regions.map((region) => deps.sweep.readPushes(region, start, end, { ...readOptions, onPushes })));
    const all = reads.flatMap((r) => r.pushes);
    const pushes = dedupeByEventId(all);
    // The baseline of each repository, read once, ending at its first push in the window.
    const firstByRepository = new Map();
    for (const push of [...pushes].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime())) {
        if (!firstByRepository.has(repositoryKey(push)))
            firstByRepository.set(repositoryKey(push), push);
    }
    const baselines = new Map();
    await (0,concurrency/* mapLimit */.s)([...firstByRepository], sweep_CONCURRENCY, async ([key, first]) => {
        baselines.set(key, await deps.sweep.readBaseline(first, settings.uploaderHistoryDays, left()));
    });
    // Every distinct pushed manifest, gated once.
    const targets = new Map();
    for (const push of pushes) {
        if (push.digest)
            targets.set(imageKey(push, push.digest), push);
    }
    const keys = [...targets.keys()];
    // In the order of the deduplicated pushes, whatever order the regions' pages arrived in.
    const evaluated = await Promise.all([...targets.values()].map(gate));
    const flat = evaluated.flat();
    // Platforms of an index share the index's position: rows point at its first manifest.
    const firstIndex = new Map();
    let position = 0;
    evaluated.forEach((images, i) => {
        const key = keys[i];
        if (key !== undefined)
            firstIndex.set(key, position);
        position += images.length;
    });
    const judged = judgeSweep({
        pushes,
        baselines,
        knownUploaders: settings.knownUploaders,
        historyDays: settings.uploaderHistoryDays,
        levels: settings.levels,
        businessHours: settings.businessHours,
        imageIndexOf: (push) => (push.digest ? (firstIndex.get(imageKey(push, push.digest)) ?? 0) : 0),
    });
    const detections = [...judged.detections];
    const warnings = [];
    for (const read of reads) {
        if (!read.complete)
            detections.push(unreadRow(read, settings, start, end, now));
        if (read.malformed > 0) {
            warnings.push({
                code: 'other',
                message: `${read.malformed} PutImage record(s) of ${read.region} could not be read and were not checked`,
            });
            if (read.complete) {
                detections.push(unreadRow({ ...read, error: `${read.malformed} PutImage record(s) could not be read` }, settings, start, end, now));
            }
        }
    }
    for (const [key, baseline] of baselines) {
        if (baseline.error)
            warnings.push({ code: 'baseline-partial', message: `${key}: ${baseline.error}` });
    }
    for (const { image, scan } of flat) {
        if (scan.status === 'DELETED') {
            warnings.push({
                code: 'other',
                message: `${image.repository}@${image.imageDigest} (${image.region}) was deleted since its push: ECR answered ImageNotFoundException; its upload row is still judged`,
                image: `${image.repository}@${image.imageDigest}`,
            });
        }
    }
    return {
        evaluated: flat,
        detections,
        warnings: (0,src_warnings/* dedupeWarnings */.ZP)(warnings),
        sweep: {
            window: window.text,
            start: start.toISOString(),
            end: end.toISOString(),
            regions: settings.regions,
            events: pushes.length,
            duplicates: all.length - pushes.length,
            reads: reads.map((r) => ({
                region: r.region,
                complete: r.complete,
                error: r.error ?? null,
                pages: r.pages,
                pushes: r.pushes.length,
                malformed: r.malformed,
            })),
            rows: judged.rows,
        },
    };
}
/** The sweep's verdict on top of the per-image report: upload rows count like any detection. */
function mergeSweep(report, parts, riskThreshold) {
    const detections = [...parts.detections, ...report.detections];
    // Each image's uploader is the pusher of its latest push in the window (its row's judgement).
    const byDigest = new Map();
    for (const row of parts.sweep.rows) {
        for (const digest of row.digests) {
            const key = `${row.awsRegion}/${row.registryId}/${row.image}@${digest}`;
            const kept = byDigest.get(key);
            if (!kept || kept.lastTime <= row.lastTime)
                byDigest.set(key, row);
        }
    }
    const images = report.images.map((image) => {
        const row = byDigest.get(`${image.region}/${image.registryId}/${image.repository}@${image.indexDigest ?? image.imageDigest}`);
        if (!row)
            return image;
        return {
            ...image,
            uploader: {
                ...image.uploader,
                status: row.status,
                principal: row.principal,
                userName: row.userName,
            },
        };
    });
    const verdict = (0,gate/* decide */.LD)(detections, riskThreshold);
    return {
        ...report,
        result: verdict.result,
        reasons: verdict.reasons,
        riskScore: verdict.riskScore,
        images,
        detections,
        warnings: (0,src_warnings/* dedupeWarnings */.ZP)([...parts.warnings, ...report.warnings]),
        sweep: parts.sweep,
    };
}


/***/ })

};

//# sourceMappingURL=0.index.js.map