export const id = 555;
export const ids = [555];
export const modules = {

/***/ 6749:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Zh: () => (/* binding */ scanIncompleteDetection),
/* harmony export */   eL: () => (/* binding */ findingDetections),
/* harmony export */   tO: () => (/* binding */ imageName)
/* harmony export */ });
/* unused harmony export findingKey */
/* harmony import */ var _catalog_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1212);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3838);


/** `"<name>, <description>"`: the seed SPL's grouping key and the row's `finding` field. */
/** Seed `finding` field: `name, description`, or the name alone when there is no description. */
const findingKey = (f) => f.description.trim() === '' ? f.name : `${f.name}, ${f.description}`;
/**
 * The severity rules (`critical` … `undefined`): one row per distinct finding string per image,
 * carrying every affected package, as the seed detection's `stats … by finding` does.
 */
function findingDetections(input) {
    // Rows in first-seen order, found by (rule, ignored or not) and then the finding text: no key
    // string per finding beyond the text itself, which the row keeps as its `finding` field.
    const rows = [];
    const groups = new Map();
    const add = (finding, packages, ignoreReason) => {
        const text = findingKey(finding);
        addRow(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .SEVERITY_RULE */ .nv[finding.severity], finding, text, packages, ignoreReason);
        // A known exploit is its own risk event on top of the severity row; an ignore hides both.
        if (finding.exploitAvailable === 'YES') {
            addRow('exploitable', finding, text, packages, ignoreReason);
        }
    };
    const addRow = (rule, finding, text, packages, ignoreReason) => {
        // Ignored parts get their own row so a partly ignored finding still counts for the rest.
        const group = `${rule}\u0000${ignoreReason === undefined ? '' : 'ignored'}`;
        let byText = groups.get(group);
        if (byText === undefined) {
            byText = new Map();
            groups.set(group, byText);
        }
        const row = byText.get(text);
        if (row) {
            row.packages.push(...packages);
            mergeBest(row, finding);
        }
        else {
            const added = { rule, finding, text, packages: [...packages] };
            if (ignoreReason !== undefined)
                added.ignoreReason = ignoreReason;
            byText.set(text, added);
            rows.push(added);
        }
    };
    for (const finding of input.kept)
        add(finding, finding.packages);
    for (const item of input.ignored) {
        const packages = item.package
            ? item.finding.packages.filter((p) => p.name === item.package)
            : item.finding.packages;
        add(item.finding, packages, item.reason);
    }
    // The same for every row of the image: worked out once, not 20,000 times.
    const time = (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .splunkTime */ .tr)(input.scan.completedAt ?? input.image.pushedAt ?? new Date(0));
    const events = new Map();
    const eventOf = (rule) => {
        let event = events.get(rule);
        if (event === undefined) {
            event = {
                ...(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .riskEvent */ .ke)(rule, input.levels[rule], input.imageIndex, time),
                message: (0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .fillMessage */ .fu)(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0[rule].message, { repository: input.image.repository }),
            };
            events.set(rule, event);
        }
        return event;
    };
    return rows.map((row) => {
        const detection = toDetection(row, input, eventOf(row.rule));
        if (row.rule === 'exploitable') {
            // Named per finding: one exploitable CVE is what a reader must find, not a count.
            detection.message = (0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .fillMessage */ .fu)(_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0.exploitable.message, {
                finding: row.finding.id,
                repository: input.image.repository,
            });
        }
        return detection;
    });
}
function mergeBest(row, other) {
    const score = other.cvss?.score;
    if (score !== undefined && (row.finding.cvss?.score ?? -1) < score) {
        row.finding = { ...row.finding, cvss: other.cvss ?? { score } };
    }
}
/**
 * Fields listed one by one, not spread from the rule's event: a spread into this literal made
 * building 20,000 rows ~10 times slower, and every later pass over them slower too
 * (bench/README.md).
 */
function toDetection(row, input, event) {
    const { image, finding } = { image: input.image, finding: row.finding };
    const detection = {
        rule: event.rule,
        level: event.level,
        severity: event.severity,
        riskScore: event.riskScore,
        impact: event.impact,
        confidence: event.confidence,
        ignored: row.ignoreReason !== undefined,
        imageIndex: event.imageIndex,
        phase: event.phase,
        firstTime: event.firstTime,
        lastTime: event.lastTime,
        message: event.message,
        awsRegion: image.region,
        eventName: 'DescribeImageScanFindings',
        eventSource: 'ecr.amazonaws.com',
        imageDigest: image.imageDigest,
        repository: image.repository,
        finding: row.text,
        findingId: finding.id,
        packages: dedupePackages(row.packages),
    };
    if (row.ignoreReason !== undefined)
        detection.ignoreReason = row.ignoreReason;
    if (input.user !== undefined)
        detection.user = input.user;
    if (input.srcIp !== undefined)
        detection.src_ip = input.srcIp;
    if (finding.cvss)
        detection.cvss = finding.cvss.score;
    if (finding.scannerSeverity.trim().toUpperCase() === 'UNTRIAGED') {
        detection.scannerSeverity = 'UNTRIAGED';
    }
    if (finding.uri)
        detection.uri = finding.uri;
    if (finding.fixAvailable)
        detection.fixAvailable = finding.fixAvailable;
    if (finding.exploitAvailable)
        detection.exploitAvailable = finding.exploitAvailable;
    return detection;
}
function dedupePackages(packages) {
    if (packages.length <= 1)
        return [...packages];
    const seen = new Map();
    for (const p of packages) {
        const key = `${p.name}\u0000${p.version ?? ''}\u0000${p.filePath ?? ''}`;
        if (!seen.has(key))
            seen.set(key, p);
    }
    return [...seen.values()];
}
/** `scan-incomplete`: fail closed when there is no usable scan result. */
function scanIncompleteDetection(input) {
    if (input.scan.usable)
        return null;
    const spec = _catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0['scan-incomplete'];
    const { image, scan } = input;
    const time = (0,_time_js__WEBPACK_IMPORTED_MODULE_1__/* .splunkTime */ .tr)(input.now);
    const name = imageName(image);
    return {
        ...(0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .riskEvent */ .ke)('scan-incomplete', input.levels['scan-incomplete'], input.imageIndex, time),
        message: (0,_catalog_js__WEBPACK_IMPORTED_MODULE_0__/* .fillMessage */ .fu)(spec.message, { image: name, status: scan.status }),
        awsRegion: image.region,
        eventName: 'DescribeImageScanFindings',
        eventSource: 'ecr.amazonaws.com',
        imageDigest: image.imageDigest,
        repository: image.repository,
        registryId: image.registryId,
        image: name,
        detail: scan.description ? `${scan.status}: ${scan.description}` : scan.status,
    };
}
/** `repo:tag@sha256:…` (short form for messages). */
function imageName(image) {
    const tag = image.target.tag ?? image.imageTags[0];
    const platform = image.platform ? ` (${image.platform})` : '';
    const digest = image.imageDigest ? `@${image.imageDigest}` : '';
    return `${image.repository}${tag ? `:${tag}` : ''}${digest}${platform}`;
}


/***/ }),

/***/ 9389:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lw: () => (/* binding */ parseArn),
/* harmony export */   PM: () => (/* binding */ principalFromIdentity),
/* harmony export */   Ur: () => (/* binding */ rootArn),
/* harmony export */   cn: () => (/* binding */ partitionOfRegion),
/* harmony export */   xZ: () => (/* binding */ roleNameOf)
/* harmony export */ });
/* unused harmony exports isSsoRoleName, NO_IDENTITY */
/**
 * Splits an ARN into its six parts; undefined when it is not one. The same rules as the SDK's
 * own parser (`parseArn` in `@aws-sdk/core/client`, util-endpoints/lib/aws/parseArn.js): `arn`,
 * non-empty partition and service, a non-empty resource that may hold `:`. Not imported: this
 * layer is pure (no SDK imports), so a test holds the two to the same answers on every input.
 */
function parseArn(arn) {
    const segments = arn.split(':');
    if (segments.length < 6)
        return undefined;
    const [prefix, partition = '', service = '', region = '', account = '', ...rest] = segments;
    const resource = rest.join(':');
    if (prefix !== 'arn' || partition === '' || service === '' || resource === '')
        return undefined;
    return { partition, service, region, account, resource };
}
/** `aws`, `aws-cn`, `aws-us-gov`, ... for a region name. */
function partitionOfRegion(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    if (region.startsWith('us-isob-'))
        return 'aws-iso-b';
    if (region.startsWith('us-iso-'))
        return 'aws-iso';
    if (region.startsWith('eu-isoe-'))
        return 'aws-iso-e';
    if (region.startsWith('us-isof-'))
        return 'aws-iso-f';
    // European Sovereign Cloud: partition aws-eusc in the SDK's partitions data (aws/partitions.ts).
    if (region.startsWith('eusc-'))
        return 'aws-eusc';
    return 'aws';
}
/** Roles that IAM Identity Center (SSO) creates for permission sets. */
const SSO_ROLE_PREFIX = 'AWSReservedSSO_';
const isSsoRoleName = (name) => name.startsWith(SSO_ROLE_PREFIX);
const rootArn = (partition, account) => `arn:${partition}:iam::${account}:root`;
/** Reported as the uploader when CloudTrail recorded no identity at all. */
const NO_IDENTITY = 'no identity recorded (empty userIdentity)';
const asObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value
    : undefined;
const asString = (value) => typeof value === 'string' && value.trim() !== '' ? value : undefined;
/** Last `/`-separated segment of an ARN's resource part (`role/path/Name` → `Name`). */
const lastSegment = (resource) => resource.slice(resource.lastIndexOf('/') + 1);
/**
 * The stable principal of a `userIdentity` element:
 * - AssumedRole: the role (`sessionContext.sessionIssuer.arn`, path kept); the session name is
 *   kept for display only, since it changes per run. IAM Identity Center roles
 *   (`AWSReservedSSO_*`) are the exception: there the session name is the person, so the key is
 *   the session's `arn:…:sts::…:assumed-role/<role>/<person>` and each person has their own.
 * - IAMUser: the user ARN. Root and AWSAccount: `arn:<partition>:iam::<account>:root`.
 * - AWSService: no ARN, the service name (`invokedBy`).
 * - FederatedUser: the federated-user ARN. IdentityCenterUser: `arn:…:identitystore:::user/<id>`.
 * - SAMLUser / WebIdentityUser: `principalId` (provider + subject).
 * - Anything else: type `Unknown`, keyed by whatever identifier the record has.
 */
function principalFromIdentity(identity, context = {}) {
    const id = asObject(identity) ?? {};
    const type = asString(id.type);
    const arn = asString(id.arn);
    const parsed = arn ? parseArn(arn) : undefined;
    const partition = parsed?.partition ?? context.partition ?? 'aws';
    const accountId = asString(id.accountId) ?? (parsed?.account || undefined);
    const userName = asString(id.userName);
    const principalId = asString(id.principalId);
    const invokedBy = asString(id.invokedBy);
    const base = { partition, ...(accountId ? { accountId } : {}) };
    const make = (kind, key, name, extra = {}) => ({ key, type: kind, name, ...base, ...extra });
    switch (type) {
        case 'IAMUser': {
            const key = arn ?? (accountId && userName ? `arn:${partition}:iam::${accountId}:user/${userName}` : '');
            const name = userName ?? (parsed ? lastSegment(parsed.resource) : (principalId ?? 'unknown'));
            return make('IAMUser', key || principalId || name, name, key ? { arn: key } : {});
        }
        case 'AssumedRole':
            return assumedRole(id, arn, parsed, partition, accountId, principalId, make);
        case 'Root': {
            const account = accountId ?? '';
            const key = account ? rootArn(partition, account) : (arn ?? principalId ?? 'root');
            return make('Root', key, 'root', key.startsWith('arn:') ? { arn: key } : {});
        }
        case 'FederatedUser': {
            const name = parsed ? lastSegment(parsed.resource) : (principalId ?? 'federated-user');
            const key = arn ?? principalId ?? name;
            return make('FederatedUser', key, name, arn ? { arn } : {});
        }
        case 'AWSService': {
            const service = invokedBy ?? principalId ?? 'AWSService';
            return make('AWSService', service, service);
        }
        case 'AWSAccount': {
            if (accountId) {
                const key = rootArn(partition, accountId);
                return make('AWSAccount', key, accountId, { arn: key });
            }
            const key = principalId ?? invokedBy ?? 'AWSAccount';
            return make('AWSAccount', key, key);
        }
        case 'IdentityCenterUser': {
            const onBehalfOf = asObject(id.onBehalfOf) ?? {};
            const userId = asString(onBehalfOf.userId);
            const store = asString(onBehalfOf.identityStoreArn);
            const storePartition = store ? parseArn(store)?.partition : undefined;
            if (userId) {
                const key = `arn:${storePartition ?? partition}:identitystore:::user/${userId}`;
                return make('IdentityCenterUser', key, userId);
            }
            const key = principalId ?? store ?? 'IdentityCenterUser';
            return make('IdentityCenterUser', key, key);
        }
        case 'SAMLUser':
        case 'WebIdentityUser': {
            const provider = asString(id.identityProvider);
            const name = userName ?? principalId ?? provider ?? type;
            const key = principalId ?? (provider ? `${provider}:${name}` : name);
            return make(type, key, name);
        }
        default: {
            // An empty `userIdentity` is named as what it is, not as a made-up type (issue 18 §3.5).
            const key = arn ?? principalId ?? invokedBy ?? userName ?? (type ? `unknown:${type}` : NO_IDENTITY);
            const name = userName ?? (parsed ? lastSegment(parsed.resource) : key);
            return make('Unknown', key, name, arn ? { arn } : {});
        }
    }
}
function assumedRole(id, arn, parsed, partition, accountId, principalId, make) {
    const issuer = asObject(asObject(id.sessionContext)?.sessionIssuer) ?? {};
    // `assumed-role/<role>/<session>`: the session name cannot contain '/', the role name neither.
    const [, stsRole, ...sessionParts] = parsed?.resource.split('/') ?? [];
    const sessionName = (sessionParts.length > 0 ? sessionParts.join('/') : undefined) ||
        (principalId?.includes(':') ? principalId.slice(principalId.indexOf(':') + 1) : undefined);
    const issuerArn = asString(issuer.arn);
    const issuerParsed = issuerArn ? parseArn(issuerArn) : undefined;
    const roleName = asString(issuer.userName) ??
        (issuerParsed ? lastSegment(issuerParsed.resource) : undefined) ??
        stsRole ??
        'unknown-role';
    const account = asString(issuer.accountId) ?? accountId;
    // Without a session issuer the role's path is unknown; matching tolerates a missing path.
    const roleArn = issuerArn ?? (account ? `arn:${partition}:iam::${account}:role/${roleName}` : undefined);
    const sessionArn = parsed?.service === 'sts' && parsed.resource.startsWith('assumed-role/')
        ? arn
        : account && sessionName
            ? `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`
            : undefined;
    const display = {
        ...(sessionName ? { sessionName } : {}),
        ...(sessionArn ? { sessionArn } : {}),
    };
    if (isSsoRoleName(roleName) && sessionName) {
        const key = arn ??
            (account
                ? `arn:${partition}:sts::${account}:assumed-role/${roleName}/${sessionName}`
                : `${roleName}/${sessionName}`);
        return make('AssumedRole', key, `${roleName}/${sessionName}`, {
            ...display,
            ...(roleArn ? { arn: roleArn } : {}),
        });
    }
    const key = roleArn ?? principalId?.split(':')[0] ?? roleName;
    return make('AssumedRole', key, roleName, { ...display, ...(roleArn ? { arn: roleArn } : {}) });
}
/** The role name of an AssumedRole principal (for SSO principals `name` also holds the person). */
function roleNameOf(principal) {
    if (principal.type !== 'AssumedRole')
        return undefined;
    const parsed = principal.arn ? parseArn(principal.arn) : undefined;
    if (parsed && parsed.resource.startsWith('role/'))
        return lastSegment(parsed.resource);
    return principal.name.split('/')[0];
}


/***/ }),

/***/ 3838:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ isValidTimeZone),
/* harmony export */   DT: () => (/* binding */ describeBusinessHours),
/* harmony export */   LC: () => (/* binding */ isWithinBusinessHours),
/* harmony export */   Ob: () => (/* binding */ describeLocalTime),
/* harmony export */   tr: () => (/* binding */ splunkTime)
/* harmony export */ });
/* unused harmony export localClock */
/** `%Y-%m-%dT%H:%M:%S` in UTC, as the seed detections' `firstTime`/`lastTime`; '' for an invalid date. */
function splunkTime(date) {
    if (Number.isNaN(date.getTime()))
        return '';
    return date.toISOString().slice(0, 19);
}
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
function isValidTimeZone(timeZone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone });
        return true;
    }
    catch {
        return false;
    }
}
// Building a formatter is costly; a run evaluates a handful of zones at most.
const formatters = new Map();
function formatterFor(timeZone) {
    let formatter = formatters.get(timeZone);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat('en-US', {
            timeZone,
            weekday: 'short',
            hour: '2-digit',
            minute: '2-digit',
            // h23: midnight is 00, not 24 (some engines print 24:00 with hour12 false).
            hourCycle: 'h23',
        });
        formatters.set(timeZone, formatter);
    }
    return formatter;
}
/** Wall clock of `date` in `timeZone`: day of week (0 = Sunday) and minutes after midnight. */
function localClock(date, timeZone) {
    const parts = formatterFor(timeZone).formatToParts(date);
    const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
    const day = DAY_NAMES.indexOf(part('weekday').toLowerCase());
    const minute = Number(part('hour')) * 60 + Number(part('minute'));
    return { day, minute };
}
/**
 * True when `date` falls inside the hours on one of the days, in the configured zone. A range
 * whose end is not after its start runs overnight (`22:00-06:00`): the early-morning part belongs
 * to the day the shift started on.
 */
function isWithinBusinessHours(date, hours) {
    const { day, minute } = localClock(date, hours.timezone);
    const { startMinute, endMinute } = hours;
    if (startMinute < endMinute) {
        return hours.days.includes(day) && minute >= startMinute && minute < endMinute;
    }
    const previousDay = (day + 6) % 7;
    return ((hours.days.includes(day) && minute >= startMinute) ||
        (hours.days.includes(previousDay) && minute < endMinute));
}
const clock = (minute) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** `08:00-20:00 mon,tue,wed,thu,fri Europe/Berlin`, for messages. */
function describeBusinessHours(hours) {
    const days = [...hours.days]
        .sort((a, b) => a - b)
        .map((d) => DAY_NAMES[d] ?? String(d))
        .join(',');
    return `${clock(hours.startMinute)}-${clock(hours.endMinute)} ${days} ${hours.timezone}`;
}
/** Wall-clock text of `date` in the zone, for messages: `Thu 01:17 Europe/Berlin`. */
function describeLocalTime(date, timeZone) {
    const { day, minute } = localClock(date, timeZone);
    const name = DAY_NAMES[day] ?? '?';
    return `${name[0]?.toUpperCase() ?? ''}${name.slice(1)} ${clock(minute)} ${timeZone}`;
}


/***/ }),

/***/ 3910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  dY: () => (/* reexport */ tagMovedDetection),
  LI: () => (/* binding */ uploaderDetections)
});

// UNUSED EXPORTS: SAME_PUSH_GAP_MS, baselinePushes, imageRef

;// CONCATENATED MODULE: ./src/rules/uploader-messages.ts
const DAY_MS = 86_400_000;
/** `repo:tag` when the gate was given a tag, else `repo@sha256:…`. */
function imageRef(image) {
    const tag = image.target.tag;
    const ref = tag ? `${image.repository}:${tag}` : `${image.repository}@${image.imageDigest}`;
    return image.platform ? `${ref} (${image.platform})` : ref;
}
function detailOfUnknown(input, baseline) {
    const parts = [];
    const listed = input.knownUploaders.filter((e) => e.trim() !== '').length;
    if (listed > 0)
        parts.push(`not in known-uploaders (${listed} ${listed === 1 ? 'entry' : 'entries'})`);
    if (input.historyDays > 0) {
        const others = new Set(baseline.map((e) => e.principal.key)).size;
        parts.push(baseline.length > 0
            ? `not among the ${others} principal(s) that pushed to this repository in the ${input.historyDays} days before`
            : `no earlier push to this repository in the ${input.historyDays} days before`);
    }
    return parts.join('; ');
}
function noBaselineMessage(input, evidence, push) {
    const who = push.principal.key;
    const repo = `${push.repository} (${push.registryId}, ${push.region})`;
    if (input.historyDays <= 0) {
        return (`uploader of ${repo} is ${who}; uploader-history-days is 0 and known-uploaders is empty, ` +
            `so it was not checked. List allowed principals in known-uploaders.`);
    }
    // CloudTrail keeps 90 days: for an old push the read may have covered fewer days than asked.
    const back = evidence.historyReachesBack?.getTime();
    const read = back === undefined ? input.historyDays : (push.eventTime.getTime() - back) / DAY_MS;
    const span = back !== undefined && read < input.historyDays - 1 / 24
        ? `in the ${formatDays(read)} before it that CloudTrail still holds (since ` +
            `${new Date(back).toISOString()}; ${input.historyDays} were asked for)`
        : `in the ${input.historyDays} days before it`;
    return (`first push to ${repo} ${span}: no baseline to compare ${who} with. ` +
        `List allowed principals in known-uploaders to check first pushes too.`);
}
function formatDays(days) {
    if (days < 1)
        return `${Math.max(0, Math.floor(days * 24))} hours`;
    const whole = Math.floor(days);
    return `${whole} ${whole === 1 ? 'day' : 'days'}`;
}
function partialMessage(input, evidence) {
    const back = evidence.historyReachesBack?.toISOString() ?? 'the gated push';
    return (`uploader baseline for ${input.image.repository} is incomplete: CloudTrail was read back to ` +
        `${back} only (page limit), not the full ${input.historyDays} days.`);
}
function skippedMessage(input) {
    const why = input.evidence.reason ? `: ${input.evidence.reason}` : '';
    return `uploader of ${imageRef(input.image)} was not checked${why}`;
}

// EXTERNAL MODULE: ./src/rules/catalog.ts
var catalog = __webpack_require__(1212);
// EXTERNAL MODULE: ./src/rules/time.ts
var rules_time = __webpack_require__(3838);
;// CONCATENATED MODULE: ./src/rules/uploader-rows.ts



/** The tag the gate was asked about, or the tag the push set. */
function gatedTag(image, push) {
    return image.target.tag ?? push.tag;
}
/** Digests that are "our" image: the manifest and the index it belongs to. */
function ownDigests(image, push) {
    const own = new Set([image.imageDigest]);
    if (image.indexDigest)
        own.add(image.indexDigest);
    if (push.digest)
        own.add(push.digest);
    return own;
}
/**
 * Rows for pushes of the gated tag after our push by another principal, or of another digest,
 * grouped as the seed groups upload rows; plus one for a tag that now points elsewhere when no
 * recorded push explains it.
 */
function tagOverwrites(input, push) {
    const tag = gatedTag(input.image, push);
    if (!tag)
        return [];
    const own = ownDigests(input.image, push);
    const groups = new Map();
    for (const later of input.evidence.tagPushes) {
        if (later.eventId === push.eventId || later.tag !== tag)
            continue;
        const otherPrincipal = later.principal.key !== push.principal.key;
        const otherDigest = later.digest !== undefined && !own.has(later.digest);
        if (!otherPrincipal && !otherDigest)
            continue;
        const key = [
            later.region,
            later.principal.key,
            later.userName,
            later.sourceIp,
            later.registryId,
            later.repository,
        ].join('\u0000');
        groups.set(key, [...(groups.get(key) ?? []), later]);
    }
    const rows = [];
    const explained = new Set();
    for (const events of groups.values()) {
        const sorted = [...events].sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
        const first = sorted[0];
        const last = sorted[sorted.length - 1];
        if (!first || !last)
            continue;
        const digests = [...new Set(sorted.map((e) => e.digest).filter((d) => d !== undefined))];
        for (const d of digests)
            explained.add(d);
        const row = uploadRow('tag-overwrite', input, last, `tag ${tag} pushed ${sorted.length === 1 ? 'again' : `${sorted.length} times`} after ` +
            `${push.eventTime.toISOString()} by ${last.principal.key}` +
            (digests.length > 0 ? ` (digest ${digests.join(', ')})` : ''), tag);
        row.firstTime = (0,rules_time/* splunkTime */.tr)(first.eventTime);
        rows.push(row);
    }
    const movedTo = input.image.tagMovedTo ?? input.evidence.tagNowPointsAt;
    if (movedTo && !own.has(movedTo) && !explained.has(movedTo)) {
        const row = tagMovedDetection(input.image, input.imageIndex, input.levels, movedTo, push, tag);
        if (row)
            rows.push(row);
    }
    return rows;
}
/**
 * `tag-overwrite` from ECR's evidence alone: the gated tag now points at another digest. Needs
 * no CloudTrail, so it fires with `uploader-check: false` and when CloudTrail is unreadable or
 * late too (SPEC 2, issue 18 §3.3). Undefined when ECR saw no move.
 */
function tagMovedDetection(image, imageIndex, levels, movedTo = image.tagMovedTo, push, tag = image.target.tag) {
    if (!tag || !movedTo || movedTo === image.imageDigest || movedTo === image.indexDigest) {
        return undefined;
    }
    const spec = catalog/* RULES */.y0['tag-overwrite'];
    const time = (0,rules_time/* splunkTime */.tr)(push?.eventTime ?? image.pushedAt ?? new Date(0));
    const user = 'an unrecorded principal';
    const found = push
        ? 'no PutImage of it was found in CloudTrail'
        : 'ECR shows it; who moved it was not read from CloudTrail';
    return {
        ...(0,catalog/* riskEvent */.ke)('tag-overwrite', levels['tag-overwrite'], imageIndex, time),
        message: (0,catalog/* fillMessage */.fu)(spec.message, { tag, repository: image.repository, user }),
        awsRegion: image.region,
        eventName: 'PutImage',
        eventSource: 'ecr.amazonaws.com',
        imageTag: tag,
        registryId: image.registryId,
        image: image.repository,
        imageDigest: image.imageDigest,
        detail: `tag ${tag} now points at ${movedTo}, not at the gated image; ${found}`,
    };
}
function baseRow(rule, input, time) {
    return { ...(0,catalog/* riskEvent */.ke)(rule, input.levels[rule], input.imageIndex, time), message: '' };
}
/** A row in the seed's upload shape, describing one PutImage event. */
function uploadRow(rule, input, event, detail, tag) {
    const spec = catalog/* RULES */.y0[rule];
    const user = event.principal.name;
    const imageTag = tag ?? event.tag ?? input.image.target.tag;
    const row = {
        ...baseRow(rule, input, (0,rules_time/* splunkTime */.tr)(event.eventTime)),
        message: (0,catalog/* fillMessage */.fu)(spec.message, {
            user,
            tag: imageTag ?? '(untagged)',
            repository: event.repository,
            image: imageRef(input.image),
        }),
        awsRegion: event.region,
        eventName: 'PutImage',
        eventSource: 'ecr.amazonaws.com',
        user,
        userName: event.userName,
        src_ip: event.sourceIp,
        registryId: event.registryId,
        image: event.repository,
        imageDigest: event.digest ?? input.image.imageDigest,
        principal: event.principal.key,
        detail,
    };
    if (imageTag !== undefined)
        row.imageTag = imageTag;
    return row;
}
/** The unverified-uploader row; with `push` when the push was found but its history was not. */
function unverified(input, push) {
    const { image, evidence } = input;
    const spec = catalog/* RULES */.y0['unverified-uploader'];
    const time = (0,rules_time/* splunkTime */.tr)(push?.eventTime ?? image.pushedAt ?? new Date(0));
    const row = {
        ...baseRow('unverified-uploader', input, time),
        message: (0,catalog/* fillMessage */.fu)(spec.message, { image: imageRef(image), repository: image.repository }),
        awsRegion: image.region,
        eventName: 'PutImage',
        eventSource: 'ecr.amazonaws.com',
        registryId: image.registryId,
        image: image.repository,
        imageDigest: image.imageDigest,
        detail: evidence.historyError ??
            evidence.reason ??
            (evidence.state === 'error'
                ? 'CloudTrail could not be read'
                : 'the push was not found in CloudTrail'),
    };
    if (push) {
        row.user = push.principal.name;
        row.userName = push.userName;
        row.src_ip = push.sourceIp;
        row.principal = push.principal.key;
    }
    if (image.target.tag !== undefined)
        row.imageTag = image.target.tag;
    return row;
}

// EXTERNAL MODULE: ./src/rules/identity.ts
var identity = __webpack_require__(9389);
;// CONCATENATED MODULE: ./src/rules/principal-match.ts

/**
 * Anchored `*` glob match in linear time. Hand-written rather than a RegExp: `.*` runs compile
 * to a backtracking pattern, and six of them against a long role path took minutes of CPU
 * (issue 19 §3). Greedy-leftmost placement of each literal part is exact for `*`-only globs:
 * placing a part as early as possible never removes a match for the parts after it.
 */
function globMatch(pattern, text) {
    const parts = pattern.split('*');
    if (parts.length === 1)
        return pattern === text;
    const first = parts[0] ?? '';
    const last = parts[parts.length - 1] ?? '';
    if (text.length < first.length + last.length)
        return false;
    if (!text.startsWith(first) || !text.endsWith(last))
        return false;
    let position = first.length;
    const end = text.length - last.length;
    for (let i = 1; i < parts.length - 1; i++) {
        const part = parts[i] ?? '';
        if (part === '')
            continue;
        const found = text.indexOf(part, position);
        if (found === -1 || found + part.length > end)
            return false;
        position = found + part.length;
    }
    return true;
}
/** `arn:aws:iam::1:role/a/b/Name` → `arn:aws:iam::1:role/Name`; other ARNs unchanged. */
function withoutIamPath(arn) {
    const parsed = (0,identity/* parseArn */.Lw)(arn);
    if (!parsed || parsed.service !== 'iam')
        return arn;
    const match = /^(role|user|group|instance-profile)\/(?:.*\/)?([^/]+)$/.exec(parsed.resource);
    if (!match)
        return arn;
    return `arn:${parsed.partition}:iam::${parsed.account}:${match[1] ?? ''}/${match[2] ?? ''}`;
}
/** The other spelling of an IAM user ARN: `iam::A:user/[path/]N` ⇄ `sts::A:user/N`. */
function otherUserForm(arn) {
    const parsed = (0,identity/* parseArn */.Lw)(arn);
    if (!parsed?.resource.startsWith('user/'))
        return undefined;
    const name = parsed.resource.slice(parsed.resource.lastIndexOf('/') + 1);
    if (parsed.service === 'sts')
        return `arn:${parsed.partition}:iam::${parsed.account}:user/${name}`;
    if (parsed.service === 'iam')
        return `arn:${parsed.partition}:sts::${parsed.account}:user/${name}`;
    return undefined;
}
/** True when CloudTrail gave nothing that identifies the caller (empty `userIdentity`). */
const unidentified = (principal) => principal.type === 'Unknown' && !principal.arn && !principal.accountId;
function arnCandidates(principal) {
    const out = new Set();
    for (const value of [principal.key, principal.arn, principal.sessionArn]) {
        if (value?.startsWith('arn:')) {
            out.add(value);
            out.add(withoutIamPath(value));
            if (principal.type === 'IAMUser') {
                const other = otherUserForm(value);
                if (other)
                    out.add(other);
            }
        }
    }
    if (principal.accountId && principal.type !== 'AWSService') {
        out.add((0,identity/* rootArn */.Ur)(principal.partition ?? 'aws', principal.accountId));
    }
    return [...out];
}
function nameCandidates(principal) {
    // The key itself: whatever the gate reports as `uploader` matches verbatim (SPEC 1).
    const key = principal.key.startsWith('arn:') ? [] : [principal.key];
    switch (principal.type) {
        case 'AssumedRole': {
            const role = (0,identity/* roleNameOf */.xZ)(principal);
            return role ? [role, ...key] : key;
        }
        case 'Root':
            // "root" as a name would mean every account's root user: only the root ARN names one.
            return [];
        default:
            return [principal.name, ...key];
    }
}
/**
 * The first `known-uploaders` entry that names this principal, or undefined. Blank entries and
 * surrounding whitespace are ignored.
 */
function matchKnownUploader(principal, entries) {
    const none = unidentified(principal);
    const arns = none ? [] : arnCandidates(principal);
    const names = none ? [] : nameCandidates(principal);
    for (const raw of entries) {
        const entry = raw.trim();
        if (entry === '')
            continue;
        if (entry === '*')
            return raw;
        const candidates = entry.startsWith('arn:') ? arns : names;
        if (candidates.some((candidate) => globMatch(entry, candidate)))
            return raw;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/rules/uploader.ts






/**
 * Pushes by the same principal this shortly before the gated one belong to the same push (the
 * platform manifests of an index, a retried push): they must not make the principal "seen".
 */
const SAME_PUSH_GAP_MS = 10 * 60_000;
const uploader_DAY_MS = 86_400_000;
/** Earlier pushes that form the baseline for `push`: inside the window, not part of this push. */
function baselinePushes(push, history, historyDays) {
    if (historyDays <= 0)
        return [];
    const pushed = push.eventTime.getTime();
    const from = pushed - historyDays * uploader_DAY_MS;
    return history.filter((earlier) => {
        const at = earlier.eventTime.getTime();
        if (earlier.eventId === push.eventId || at >= pushed || at < from)
            return false;
        const samePrincipal = earlier.principal.key === push.principal.key;
        return !(samePrincipal && pushed - at < SAME_PUSH_GAP_MS);
    });
}
function uploaderDetections(input) {
    const { evidence } = input;
    if (evidence.state === 'skipped') {
        return {
            status: 'skipped',
            detections: [],
            warnings: [{ code: 'skipped', message: skippedMessage(input) }],
        };
    }
    const push = evidence.push;
    if (evidence.state !== 'found' || !push) {
        // ECR alone proves a moved tag: CloudTrail being unreadable or late must not hide it.
        const moved = tagMovedDetection(input.image, input.imageIndex, input.levels);
        return {
            status: 'unverified',
            detections: [unverified(input), ...(moved ? [moved] : [])],
            warnings: [],
        };
    }
    const detections = [];
    const warnings = [];
    const who = push.principal;
    const matchedEntry = matchKnownUploader(who, input.knownUploaders);
    const baseline = baselinePushes(push, evidence.history, input.historyDays);
    const seen = baseline.some((earlier) => earlier.principal.key === who.key);
    const hasList = input.knownUploaders.some((entry) => entry.trim() !== '');
    let status;
    if (matchedEntry !== undefined)
        status = 'known';
    else if (seen)
        status = 'seen';
    // The history around the push could not be read (throttled, 5xx, hang): an absent baseline
    // proves nothing, so the uploader is unverified, never `no-baseline` (issue 18 §3.4).
    else if (evidence.historyError !== undefined)
        status = 'unverified';
    else if (baseline.length > 0 || hasList)
        status = 'unknown';
    // A history cut short (page cap) that found nobody proves no "first push" either.
    else if (input.historyDays > 0 && !evidence.historyComplete)
        status = 'unverified';
    else
        status = 'no-baseline';
    // Later pushes of the tag were in the same unread window: with a tag, tag-overwrite is unproven
    // too, so even a known uploader gets the unverified row.
    if (evidence.historyError !== undefined &&
        (status === 'unverified' || gatedTag(input.image, push) !== undefined)) {
        detections.push(unverified(input, push));
    }
    else if (status === 'unverified') {
        detections.push({ ...unverified(input, push), detail: partialMessage(input, evidence) });
    }
    if (status === 'unknown') {
        detections.push(uploadRow('unknown-uploader', input, push, detailOfUnknown(input, baseline)));
    }
    if (status === 'no-baseline') {
        warnings.push({ code: 'no-baseline', message: noBaselineMessage(input, evidence, push) });
    }
    if (input.historyDays > 0 &&
        !evidence.historyComplete &&
        (status === 'unknown' || status === 'no-baseline')) {
        warnings.push({ code: 'baseline-partial', message: partialMessage(input, evidence) });
    }
    const registry = input.image.registryId;
    if (who.accountId && who.accountId !== registry) {
        detections.push(uploadRow('cross-account-uploader', input, push, `pushed from account ${who.accountId} into registry ${registry}`));
    }
    detections.push(...tagOverwrites(input, push));
    const hours = input.businessHours;
    if (hours && !(0,rules_time/* isValidTimeZone */.Aq)(hours.timezone)) {
        // Settings validate the zone; a bad one here must not crash the whole report.
        warnings.push({
            code: 'other',
            message: `outside-business-hours not evaluated: unknown time zone '${hours.timezone}'`,
        });
    }
    else if (hours && !(0,rules_time/* isWithinBusinessHours */.LC)(push.eventTime, hours)) {
        detections.push(uploadRow('outside-business-hours', input, push, `pushed ${(0,rules_time/* describeLocalTime */.Ob)(push.eventTime, hours.timezone)}; business hours are ${(0,rules_time/* describeBusinessHours */.DT)(hours)}`));
    }
    return { status, detections, warnings, ...(matchedEntry ? { matchedEntry } : {}) };
}


/***/ }),

/***/ 286:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bu: () => (/* binding */ scanNoteCode),
/* harmony export */   ZP: () => (/* binding */ dedupeWarnings),
/* harmony export */   hW: () => (/* binding */ forImage)
/* harmony export */ });
/* harmony import */ var _rules_findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6749);

/**
 * The code of one scan note. The scan wait reports notes as text; their code is read from the
 * wording it uses (aws/scan-wait.ts), so each kind can be told apart by a report reader.
 */
function scanNoteCode(note) {
    if (note.includes('StartImageScan'))
        return 'scan-start';
    if (/^Findings were (not confirmed|still changing)|^Confirming read failed/.test(note)) {
        return 'scan-settle';
    }
    if (note.includes('findingSeverityCounts'))
        return 'scan-counts';
    return 'scan-note';
}
/** Every warning about one image names it (several images share one warnings list). */
function forImage(image, warning) {
    const name = (0,_rules_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .imageName */ .tO)(image);
    return {
        ...warning,
        image: name,
        message: warning.message.includes(name) ? warning.message : `${name}: ${warning.message}`,
    };
}
function dedupeWarnings(warnings) {
    const seen = new Set();
    return warnings.filter((w) => {
        const key = `${w.code}\u0000${w.message}`;
        if (seen.has(key))
            return false;
        seen.add(key);
        return true;
    });
}


/***/ })

};

//# sourceMappingURL=555.index.js.map