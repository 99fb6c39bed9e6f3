export const id = 381;
export const ids = [381];
export const modules = {

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

/***/ 9381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildCloudTrailAdapter: () => (/* binding */ buildCloudTrailAdapter),
  buildSweepAdapter: () => (/* binding */ buildSweepAdapter)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudtrail/dist-cjs/index.js
var dist_cjs = __webpack_require__(7392);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(201);
;// CONCATENATED MODULE: ./src/aws/cloudtrail-client.ts
// The CloudTrail client on its own module, so that a run with `uploader-check: false` never loads
// (nor evaluates) @aws-sdk/client-cloudtrail: it is imported dynamically by src/runtime/adapters.ts
// and ncc emits it as a separate chunk (issue 13 §1, start-up to the first request).


function cloudTrailClient(options) {
    return (0,clients/* withoutResponseLogging */.Hh)(new dist_cjs/* CloudTrailClient */.Vsm((0,clients/* common */.sh)(options, 'CLOUDTRAIL', (0,clients/* endpointFor */.Lo)('CLOUDTRAIL', options.region, process.env, options.fips))));
}

// EXTERNAL MODULE: ./src/aws/aws-errors.ts
var aws_errors = __webpack_require__(8098);
;// CONCATENATED MODULE: ./src/aws/cloudtrail-lookup.ts
// One LookupEvents call and paged reads over a time window: every HTTP attempt goes through the
// shared per-region limiter, throttling is survived with bounded backoff, and every call is
// counted for the report.


/** LookupEvents never returns more than 50 events a page. */
const PAGE_SIZE = 50;
/** Retries (the SDK's own are off, see withoutSdkRetries): throttling, then 5xx / network / unreadable answers. */
const MAX_THROTTLE_RETRIES = 20;
const MAX_TRANSIENT_RETRIES = 3;
const TRANSIENT_BACKOFF_MS = [500, 1_500, 3_000];
/**
 * Throttling back-off: "full jitter", a uniform draw in [0, min(cap, base × 2^attempt)]
 * (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/; the SDK's own
 * `defaultDelayDecider`, @smithy/middleware-retry delayDecider.ts, draws the same way). Many gates
 * of one account share 2 calls per sliding second: fixed steps would send their retries in
 * lockstep, into the next throttle, and long waits leave the freed slots to others (a throttled
 * call does not use the quota). Cap 1 s, the quota's window: 20 retries wait ~10 s in all.
 * With 30 gates a call is throttled about two times in three, so a handful of retries is not
 * enough (the 30-gate bench failed 10 of 30 gates with 4); uploader-timeout bounds them anyway.
 */
const THROTTLE_BASE_MS = 500;
const THROTTLE_CAP_MS = 1_000;
/** One full-jitter draw for retry `attempt` (0-based). */
function fullJitterMs(attempt, baseMs, capMs, random) {
    return random() * Math.min(capMs, baseMs * 2 ** attempt);
}
/**
 * The pace of the find read while the push is not visible yet. Alone in its account a gate asks
 * every 5 s ± 10 % (one call per 5 s on average; the jitter keeps gates started together from
 * asking together). 30 gates of one account then ask 6 times a second against CloudTrail's 2:
 * - a throttled poll is retried soon, after a full-jitter wait of up to 1 s, 2 s, then 4 s: a
 *   throttled call does not use the quota, and the sliding second frees a slot within 1 s;
 * - the interval between answered polls grows ×1.5 per throttle (at most 20 s) and shrinks by
 *   2.5 s per answered poll, so a crowd settles near what the account allows.
 * Simulated with 30 gates and the documented 5-minute delay, this kept the p95 of verdict −
 * visibility near 19 s; the plain back-off it replaces (waits up to 20-60 s after a throttle)
 * left the quota idle while gates slept (p95 ~53 s; bench/README.md "Timing in real runs").
 */
const FIND_POLL_MS = 5_000;
const FIND_POLL_MAX_MS = 20_000;
const FIND_RETRY_BASE_MS = 1_000;
const FIND_RETRY_CAP_MS = 4_000;
class FindPollPace {
    random;
    intervalMs = FIND_POLL_MS;
    throttles = 0;
    constructor(random) {
        this.random = random;
    }
    /** The wait after a poll that CloudTrail answered. */
    afterAnswer() {
        this.throttles = 0;
        this.intervalMs = Math.max(FIND_POLL_MS, this.intervalMs - FIND_POLL_MS / 2);
        return this.intervalMs * (0.9 + 0.2 * this.random());
    }
    /** The wait after a throttled poll. */
    afterThrottle() {
        this.intervalMs = Math.min(FIND_POLL_MAX_MS, this.intervalMs * 1.5);
        const wait = fullJitterMs(this.throttles, FIND_RETRY_BASE_MS, FIND_RETRY_CAP_MS, this.random);
        this.throttles += 1;
        return wait;
    }
}
const emptyStats = () => ({
    strategy: '',
    calls: 0,
    pages: 0,
    events: 0,
    malformed: 0,
    throttled: 0,
});
/**
 * The SDK's own retries are switched off for LookupEvents: this module retries (below) through
 * the shared limiter with abortable sleeps. The SDK's retry middleware waits its back-off with a
 * `setTimeout` it never clears when the call is aborted
 * (@smithy/core submodules/retry/middleware-retry/retryMiddleware.js: `race(new Promise((resolve)
 * => setTimeout(resolve, delay)), abortSignal)`), so after the verdict an abandoned throttled call
 * kept the process alive for up to 20 s (issue 19 §3). A same-named middleware with `override`
 * replaces it in the stack the command is sent with (MiddlewareStack `add`, `override: true`).
 */
function withoutSdkRetries(command) {
    command.middlewareStack.add((next) => (args) => next(args), {
        name: 'retryMiddleware',
        tags: ['RETRY'],
        step: 'finalizeRequest',
        priority: 'high',
        override: true,
    });
}
function countCall(runtime) {
    runtime.stats.calls += 1;
    runtime.onCall?.();
}
// The SDK's clock-skew classification (@smithy/core retry/service-error-classification:
// CLOCK_SKEW_ERROR_CODES, isClockSkewCorrectedError), kept by hand because its retry middleware
// is replaced above: the signer has corrected its clock offset, so one more attempt is signed
// right.
const CLOCK_SKEW_NAMES = new Set([
    'AuthFailure',
    'InvalidSignatureException',
    'RequestExpired',
    'RequestInTheFuture',
    'RequestTimeTooSkewed',
    'SignatureDoesNotMatch',
]);
function isClockSkewError(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const { name, $metadata } = error;
    return ($metadata?.clockSkewCorrected === true ||
        (typeof name === 'string' && CLOCK_SKEW_NAMES.has(name)));
}
/**
 * One LookupEvents call: waits for a limiter slot, sends, and on throttling or a transient failure
 * backs off and tries again a bounded number of times. Throws what the last attempt threw.
 */
async function lookupOnce(runtime, input, maxThrottleRetries = MAX_THROTTLE_RETRIES) {
    let throttles = 0;
    let transients = 0;
    let skews = 0;
    for (;;) {
        await runtime.limiter.acquire(runtime.region, runtime.signal);
        countCall(runtime);
        const command = new dist_cjs/* LookupEventsCommand */.nau(input);
        withoutSdkRetries(command);
        let error;
        try {
            return await send(runtime, command);
        }
        catch (caught) {
            error = caught;
        }
        if (runtime.signal?.aborted)
            throw error;
        if (isClockSkewError(error) && skews === 0) {
            skews += 1;
            continue;
        }
        let delay;
        if ((0,aws_errors/* isThrottlingError */.Qb)(error)) {
            runtime.stats.throttled += 1;
            delay =
                throttles < maxThrottleRetries
                    ? fullJitterMs(throttles, THROTTLE_BASE_MS, THROTTLE_CAP_MS, runtime.random ?? Math.random)
                    : undefined;
            throttles += 1;
            // Everyone on this region backs off, not only this caller.
            if (delay !== undefined)
                runtime.limiter.pause(runtime.region, delay);
        }
        else if ((0,aws_errors/* isServerError */.GQ)(error) || (0,aws_errors/* isNetworkError */.TX)(error) || (0,aws_errors/* isUnreadableResponse */.xg)(error)) {
            delay = TRANSIENT_BACKOFF_MS[transients];
            transients += 1;
        }
        if (delay === undefined)
            throw error;
        await runtime.sleep(delay, runtime.signal);
    }
}
async function send(runtime, command) {
    const activity = runtime.activity;
    if (activity)
        activity.sending += 1;
    try {
        return await runtime.client.send(command, runtime.signal ? { abortSignal: runtime.signal } : {});
    }
    finally {
        if (activity)
            activity.sending -= 1;
    }
}
/** Reads a window page by page (newest first), never more than `maxPages` pages. */
async function walkPages(runtime, walk) {
    let token;
    let pages = 0;
    while (pages < walk.maxPages) {
        const output = await lookupOnce(runtime, {
            LookupAttributes: [
                { AttributeKey: walk.attribute.key, AttributeValue: walk.attribute.value },
            ],
            StartTime: walk.start,
            EndTime: walk.end,
            MaxResults: PAGE_SIZE,
            ...(token ? { NextToken: token } : {}),
        }, walk.maxThrottleRetries);
        pages += 1;
        runtime.stats.pages += 1;
        const events = output.Events ?? [];
        runtime.stats.events += events.length;
        const more = walk.onPage(events);
        token = output.NextToken || undefined;
        if (!token)
            return { pages, exhausted: true, truncated: false };
        if (!more)
            return { pages, exhausted: false, truncated: false };
    }
    return { pages, exhausted: false, truncated: true };
}

// EXTERNAL MODULE: ./src/rules/identity.ts
var rules_identity = __webpack_require__(9389);
// EXTERNAL MODULE: ./src/text-of.ts
var text_of = __webpack_require__(8756);
;// CONCATENATED MODULE: ./src/aws/cloudtrail-record.ts


const PUT_IMAGE = 'PutImage';
const ECR_EVENT_SOURCE = 'ecr.amazonaws.com';
const asObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value)
    ? value
    : undefined;
const asString = (value) => typeof value === 'string' && value !== '' ? value : undefined;
/** One LookupEvents event → a push, or why not. */
function parseTrailEvent(event) {
    if (event.EventName !== undefined && event.EventName !== PUT_IMAGE) {
        return { kind: 'ignored', reason: `event ${(0,text_of/* textOf */.b)(event.EventName)}` };
    }
    if (typeof event.CloudTrailEvent !== 'string') {
        return { kind: 'malformed', reason: 'no CloudTrailEvent text' };
    }
    let record;
    try {
        record = JSON.parse(event.CloudTrailEvent);
    }
    catch {
        return { kind: 'malformed', reason: 'CloudTrailEvent is not valid JSON' };
    }
    const eventTime = validDate(event.EventTime);
    return parsePushRecord(record, {
        ...(event.EventId ? { eventId: event.EventId } : {}),
        ...(eventTime ? { eventTime } : {}),
    });
}
/**
 * One CloudTrail record (the parsed `CloudTrailEvent`, or a line of a trail file) → a push.
 * `fallback` fills the id and time from the LookupEvents envelope when the record lacks them.
 */
function parsePushRecord(value, fallback = {}) {
    const record = asObject(value);
    if (!record)
        return { kind: 'malformed', reason: 'record is not a JSON object' };
    const eventName = record.eventName;
    if (typeof eventName !== 'string')
        return { kind: 'malformed', reason: 'eventName missing' };
    if (eventName !== PUT_IMAGE)
        return { kind: 'ignored', reason: `event ${eventName}` };
    const source = record.eventSource;
    if (source !== undefined && source !== ECR_EVENT_SOURCE) {
        return { kind: 'ignored', reason: `event source ${(0,text_of/* textOf */.b)(source)}` };
    }
    // A failed PutImage (ImageAlreadyExists, ImageTagAlreadyExists, denied) changed nothing.
    if (record.errorCode !== undefined && record.errorCode !== null) {
        return { kind: 'ignored', reason: `failed call (${(0,text_of/* textOf */.b)(record.errorCode)})` };
    }
    // The fallback is checked too: an envelope's Date can be invalid (found by fuzzing).
    const eventTime = readTime(record.eventTime) ?? validDate(fallback.eventTime);
    if (!eventTime)
        return { kind: 'malformed', reason: 'eventTime missing or not a time' };
    const eventId = asString(record.eventID) ?? fallback.eventId;
    if (!eventId)
        return { kind: 'malformed', reason: 'eventID missing' };
    const region = asString(record.awsRegion);
    if (!region)
        return { kind: 'malformed', reason: 'awsRegion missing' };
    const identity = asObject(record.userIdentity);
    if (!identity)
        return { kind: 'malformed', reason: 'userIdentity missing' };
    if (record.requestParameters !== undefined && record.requestParameters !== null) {
        if (!asObject(record.requestParameters)) {
            return { kind: 'malformed', reason: 'requestParameters is not an object' };
        }
    }
    const request = asObject(record.requestParameters) ?? {};
    const image = asObject(asObject(record.responseElements)?.image) ?? {};
    const imageId = asObject(image.imageId) ?? {};
    const repository = asString(request.repositoryName) ?? asString(image.repositoryName);
    if (!repository)
        return { kind: 'malformed', reason: 'repositoryName missing' };
    const registryId = asString(request.registryId) ??
        asString(image.registryId) ??
        asString(record.recipientAccountId) ??
        asString(identity.accountId);
    if (!registryId)
        return { kind: 'malformed', reason: 'registryId missing' };
    const digest = asString(imageId.imageDigest) ?? asString(request.imageDigest);
    const tag = asString(request.imageTag) ?? asString(imageId.imageTag);
    const principal = (0,rules_identity/* principalFromIdentity */.PM)(identity, { partition: (0,rules_identity/* partitionOfRegion */.cn)(region) });
    const issuer = asObject(asObject(identity.sessionContext)?.sessionIssuer);
    const userName = asString(identity.userName) ?? asString(issuer?.userName) ?? principal.name;
    const userAgent = asString(record.userAgent);
    const push = {
        eventId,
        eventTime,
        region,
        registryId,
        repository,
        principal,
        userName,
        sourceIp: asString(record.sourceIPAddress) ?? '',
        ...(tag ? { tag } : {}),
        ...(digest ? { digest } : {}),
        ...(userAgent ? { userAgent } : {}),
    };
    return { kind: 'push', push };
}
function validDate(value) {
    return value instanceof Date && !Number.isNaN(value.getTime()) ? value : undefined;
}
function readTime(value) {
    if (typeof value !== 'string')
        return undefined;
    // CloudTrail writes `2021-08-18T23:17:30Z`; anything Date cannot read is rejected, not guessed.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(value))
        return undefined;
    const time = new Date(value);
    return Number.isNaN(time.getTime()) ? undefined : time;
}
/** True when `push` is the PutImage of `digest` in this repository, registry and region. */
function isPushOf(push, where, digest) {
    return (push.digest === digest &&
        push.repository === where.repository &&
        push.registryId === where.registryId &&
        push.region === where.region);
}
/** Same repository, registry and region (any digest). */
function isPushTo(push, where) {
    return (push.repository === where.repository &&
        push.registryId === where.registryId &&
        push.region === where.region);
}

;// CONCATENATED MODULE: ./src/aws/cloudtrail-find.ts



const MINUTE = 60_000;
const DAY = 86_400_000;
/** ECR's `imagePushedAt` and CloudTrail's `eventTime` of the same PutImage are seconds apart. */
const PUSH_WINDOW_MS = 2 * MINUTE;
/** Without `pushedAt`, look this far back for the push. */
const NO_PUSHED_AT_WINDOW_MS = DAY;
/** An image pushed longer ago than this is not going to appear later: one look, no waiting. */
const VISIBILITY_HORIZON_MS = 60 * MINUTE;
const MAX_FIND_PAGES = 20;
/** A push shares another image's find read only this far inside its window (clock skew). */
const SHARE_MARGIN_MS = 30_000;
const WAITING_FOR = 'PutImage event in CloudTrail';
class PushFinder {
    /**
     * Push-finding reads in flight, per region. Images pushed together would each read the same
     * `EventName=PutImage` page around their push; one waits for a read whose window already
     * holds its push time, then looks among the pushes that read stored.
     */
    findsInFlight = new Map();
    store;
    now;
    sleep;
    random;
    constructor(deps) {
        this.store = deps.store;
        this.now = deps.now;
        this.sleep = deps.sleep;
        this.random = deps.random;
    }
    /** Polls a narrow window around `pushedAt` until the push shows up or the time is up. */
    async find(image, options, runtime) {
        const started = this.now();
        const deadline = started + Math.max(0, options.timeoutMs);
        const pushedAt = image.pushedAt?.getTime();
        const mayStillAppear = pushedAt === undefined || started - pushedAt < VISIBILITY_HORIZON_MS;
        const start = new Date(pushedAt !== undefined ? pushedAt - PUSH_WINDOW_MS : started - NO_PUSHED_AT_WINDOW_MS);
        const end = new Date(pushedAt !== undefined ? pushedAt + PUSH_WINDOW_MS : started + MINUTE);
        const result = (hit) => ({
            ...(hit ? { hit } : {}),
            waitedMs: this.now() - started,
            longAgo: !mayStillAppear,
        });
        const pace = new FindPollPace(this.random);
        let answered = 0;
        let lastThrottle;
        for (let poll = 1;; poll += 1) {
            const known = this.store.pushOf(image);
            if (known)
                return result(known);
            const shared = poll === 1 ? this.findCovering(image.region, pushedAt) : undefined;
            if (shared) {
                // Its failure is its own: this image then reads for itself.
                await shared.done.catch(() => undefined);
                const stored = this.store.pushOf(image);
                if (stored)
                    return result(stored);
            }
            // While there is time to wait, a throttled poll is not retried at once: it counts as "not
            // visible yet" and the pace backs off (FindPollPace), so gates crowding one
            // account thin out instead of failing. A single look (no time, or a push long ago)
            // retries as usual. If no poll at all was answered by the deadline, the throttling is
            // the reason given.
            const waiting = mayStillAppear && options.timeoutMs > 0;
            let throttled = false;
            try {
                await this.trackFind(image.region, { from: start.getTime(), to: end.getTime() }, walkPages(runtime, {
                    attribute: { key: 'EventName', value: PUT_IMAGE },
                    start,
                    end,
                    maxPages: MAX_FIND_PAGES,
                    ...(waiting ? { maxThrottleRetries: 0 } : {}),
                    onPage: (events) => {
                        this.store.store(events, runtime.stats);
                        return !this.store.pushOf(image);
                    },
                }));
            }
            catch (error) {
                if (!waiting || !(0,aws_errors/* isThrottlingError */.Qb)(error) || runtime.signal?.aborted)
                    throw error;
                throttled = true;
                lastThrottle = error;
            }
            if (!throttled)
                answered += 1;
            const hit = this.store.pushOf(image);
            if (hit)
                return result(hit);
            const remaining = deadline - this.now();
            if (remaining <= 0 || !mayStillAppear) {
                if (answered === 0 && lastThrottle !== undefined)
                    throw lastThrottle;
                return result();
            }
            options.onProgress?.({
                image: `${image.repository}@${image.imageDigest}`,
                phase: 'uploader',
                waitingFor: WAITING_FOR,
                elapsedMs: this.now() - started,
            });
            const wait = throttled ? pace.afterThrottle() : pace.afterAnswer();
            await this.sleep(Math.min(wait, remaining), runtime.signal);
        }
    }
    /** A find read in flight in `region` whose window holds `pushedAt` with room to spare. */
    findCovering(region, pushedAt) {
        if (pushedAt === undefined)
            return undefined;
        for (const read of this.findsInFlight.get(region) ?? []) {
            if (pushedAt >= read.from + SHARE_MARGIN_MS && pushedAt <= read.to - SHARE_MARGIN_MS) {
                return read;
            }
        }
        return undefined;
    }
    async trackFind(region, window, done) {
        let reads = this.findsInFlight.get(region);
        if (!reads)
            this.findsInFlight.set(region, (reads = new Set()));
        const read = { ...window, done };
        reads.add(read);
        try {
            await done;
        }
        finally {
            reads.delete(read);
        }
    }
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/aws-error-text.ts
var aws_error_text = __webpack_require__(8535);
;// CONCATENATED MODULE: ./src/aws/cloudtrail-messages.ts
// What the report says when CloudTrail could not tell who pushed: one sentence each, naming the
// read that failed and why, without repeating "CloudTrail" (issue 18 §5).



/** Calls still unfinished this long after uploader-timeout are abandoned. */
const CALL_GRACE_MS = 5_000;
function throttledText(stats) {
    return stats.throttled > 0 ? ` (throttled ${stats.throttled} times)` : '';
}
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/**
 * Why the uploader phase stopped at its deadline: CloudTrail still owing an answer, or the run's
 * own pacing (2 LookupEvents calls per second per region, shared by every image, and back-off
 * after throttling) having used the time although every answer came at once.
 */
function lateReason(timeoutMs, stats, awaitingAnswer) {
    const budget = `uploader-timeout (${Math.round(timeoutMs / 1000)} s) plus ${CALL_GRACE_MS / 1000} s`;
    if (awaitingAnswer) {
        return (`CloudTrail did not answer in time: a LookupEvents call was still unanswered after ` +
            `${budget}${throttledText(stats)} and was abandoned`);
    }
    return (`the uploader check ran out of time after ${budget}: ${plural(stats.calls, 'LookupEvents call')} ` +
        `${stats.calls === 1 ? 'was' : 'were'} answered${throttledText(stats)}, but the calls are paced at 2 per second per region ` +
        `(shared by every image of the run); raise uploader-timeout`);
}
/** The HTTP status of an answer, also when its body could not be read. */
function statusOf(error) {
    const status = (0,aws_errors/* httpStatusOf */.s_)(error);
    if (status !== undefined)
        return status;
    const response = error?.$response;
    return typeof response?.statusCode === 'number' ? response.statusCode : undefined;
}
/** One sentence for a LookupEvents failure that was not a timeout or a cancellation. */
function failureText(error, region) {
    const status = statusOf(error);
    if ((0,aws_errors/* isUnreadableResponse */.xg)(error) && status !== undefined && status >= 400) {
        // An error page (HTML from a proxy, an empty 500) is not a parse problem of ours: say the
        // status, not the JSON parser's SyntaxError.
        return (`CloudTrail answered LookupEvents in ${region} with HTTP ${status} and a body that is not ` +
            `an AWS error, even after retries. Retry the step later`);
    }
    const text = (0,errors/* errorMessage */.gJ)((0,aws_error_text/* translateAwsError */.q)(error, { service: 'cloudtrail', operation: 'LookupEvents', region }));
    return /^CloudTrail\b/.test(text) ? text : `CloudTrail could not be read: ${text}`;
}
function failureReason(error, region, signal, late) {
    if (signal?.aborted)
        return 'the CloudTrail lookup was cancelled';
    return late ?? failureText(error, region);
}
function notFoundReason(image, search, stats) {
    const where = `${image.repository} (registry ${image.registryId}, ${image.region})`;
    const what = `no PutImage of ${image.imageDigest} to ${where}`;
    const calls = plural(stats.calls, 'LookupEvents call');
    const elsewhere = 'If the registry belongs to another account than these credentials, the event may only be ' +
        "in that account's CloudTrail.";
    if (search.longAgo && image.pushedAt) {
        return (`${what} was found in CloudTrail around its push time ${image.pushedAt.toISOString()} ` +
            `(${calls}). ${elsewhere}`);
    }
    const seconds = Math.round(search.waitedMs / 1000);
    return (`${what} was visible in CloudTrail after waiting ${seconds} s (${calls}${throttledText(stats)}). CloudTrail ` +
        `usually shows events about 5 minutes after the call: raise uploader-timeout to wait longer. ` +
        elsewhere);
}

;// CONCATENATED MODULE: ./src/aws/cloudtrail-push-store.ts

class PushStore {
    pushes = new Map();
    /** Malformed records already counted per investigation: a record read twice counts once. */
    malformedSeen = new WeakMap();
    parse(event, stats) {
        const result = parseTrailEvent(event);
        if (result.kind === 'malformed') {
            let seen = this.malformedSeen.get(stats);
            if (!seen)
                this.malformedSeen.set(stats, (seen = new Set()));
            const id = event.EventId ?? `#${seen.size}`;
            if (!seen.has(id)) {
                seen.add(id);
                stats.malformed += 1;
            }
        }
        return result;
    }
    /** Keeps every push among `events`. */
    store(events, stats) {
        for (const event of events) {
            const result = this.parse(event, stats);
            if (result.kind !== 'push')
                continue;
            this.pushes.set(result.push.eventId, {
                push: result.push,
                resources: event.Resources ?? [],
            });
        }
    }
    /** Keeps every push among `events` and adds those to `image`'s repository to `into`. */
    collect(events, image, into, stats) {
        for (const event of events) {
            const result = this.parse(event, stats);
            if (result.kind !== 'push' || !isPushTo(result.push, image))
                continue;
            if (into.some((p) => p.eventId === result.push.eventId))
                continue;
            into.push(result.push);
            this.pushes.set(result.push.eventId, { push: result.push, resources: event.Resources ?? [] });
        }
    }
    /** The stored push of the gated digest, the one nearest `pushedAt` when it was pushed twice. */
    pushOf(image) {
        let best;
        for (const stored of this.pushes.values()) {
            if (!isPushOf(stored.push, image, image.imageDigest))
                continue;
            if (!best || nearer(stored.push, best.push, image.pushedAt))
                best = stored;
        }
        return best;
    }
}
function nearer(a, b, pushedAt) {
    if (!pushedAt)
        return a.eventTime.getTime() > b.eventTime.getTime();
    const target = pushedAt.getTime();
    return Math.abs(a.eventTime.getTime() - target) < Math.abs(b.eventTime.getTime() - target);
}

;// CONCATENATED MODULE: ./src/aws/cloudtrail-history.ts



const cloudtrail_history_MINUTE = 60_000;
const cloudtrail_history_DAY = 86_400_000;
/** CloudTrail keeps 90 days; stay a little inside so the start is never refused. */
const RETENTION_MS = 90 * cloudtrail_history_DAY - 10 * cloudtrail_history_MINUTE;
/** ResourceName values tried per investigation before falling back to EventName. */
const MAX_RESOURCE_TRIES = 2;
/** Pushes to the repository from the baseline start to now, newest first. */
async function readRepository(image, found, historyDays, runtime, context) {
    const pushed = found.push.eventTime.getTime();
    const start = new Date(historyDays > 0
        ? Math.max(pushed - historyDays * cloudtrail_history_DAY, context.now - RETENTION_MS)
        : pushed - 1_000);
    const end = new Date(Math.max(context.now, pushed + 1_000));
    const window = { start, end, historyDays, pushed };
    for (const candidate of resourceCandidates(image, found, context).slice(0, MAX_RESOURCE_TRIES)) {
        const read = await readByResource(image, found.push, candidate.value, window, runtime, context);
        if (read) {
            if (candidate.form)
                context.provenForm.set(image.region, candidate.form);
            return read;
        }
    }
    return readByEventName(image, window, runtime, context);
}
/** ResourceName values worth trying, most likely first; each tried at most once. */
function resourceCandidates(image, found, context) {
    const arn = `arn:${(0,rules_identity/* partitionOfRegion */.cn)(image.region)}:ecr:${image.region}:${image.registryId}:repository/${image.repository}`;
    const out = [];
    const add = (value, form) => {
        if (!out.some((c) => c.value === value))
            out.push(form ? { value, form } : { value });
    };
    // What CloudTrail itself listed for this push is what it indexed, verbatim (even an odd ARN).
    for (const resource of found.resources) {
        const name = resource.ResourceName;
        if (!name)
            continue;
        if (name === image.repository)
            add(name, 'name');
        else if (name.startsWith('arn:') && name.endsWith(`:repository/${image.repository}`)) {
            add(name, 'arn');
        }
    }
    if (out.length > 0)
        return out;
    const preferred = context.provenForm.get(image.region);
    if (preferred === 'name')
        add(image.repository, 'name');
    add(arn, 'arn');
    add(image.repository, 'name');
    return out;
}
const describeRead = (attribute, window) => `LookupEvents ${attribute} from ${window.start.toISOString()} to ${window.end.toISOString()}`;
/**
 * Reads the window by ResourceName. Returns undefined when the read does not contain the push:
 * then this lookup is not proven for this repository and must not be trusted.
 */
async function readByResource(image, push, value, window, runtime, context) {
    const attribute = { key: 'ResourceName', value };
    context.reading.what = describeRead(`ResourceName=${value}`, window);
    let proven = false;
    let disproven = false;
    let oldest;
    const pushes = [];
    const result = await walkPages(runtime, {
        attribute,
        start: window.start,
        end: window.end,
        maxPages: context.maxPages,
        onPage: (events) => {
            for (const event of events) {
                if (event.EventId === push.eventId)
                    proven = true;
                const time = event.EventTime?.getTime();
                if (time !== undefined && (!oldest || time < oldest.getTime()))
                    oldest = new Date(time);
                // Older than the push (by more than the second CloudTrail rounds to) and no push yet.
                if (!proven && time !== undefined && time < window.pushed - 1_000)
                    disproven = true;
            }
            context.store.collect(events, image, pushes, runtime.stats);
            if (disproven)
                return false;
            // Only the tag window was asked for: stop once past the push.
            if (window.historyDays <= 0 && proven && oldest && oldest.getTime() < window.pushed) {
                return false;
            }
            return true;
        },
    });
    if (!proven)
        return undefined;
    return finish(pushes, result, window, oldest, `ResourceName=${value}`);
}
async function readByEventName(image, window, runtime, context) {
    context.reading.what = describeRead(`EventName=${PUT_IMAGE}`, window);
    let oldest;
    const pushes = [];
    const result = await walkPages(runtime, {
        attribute: { key: 'EventName', value: PUT_IMAGE },
        start: window.start,
        end: window.end,
        maxPages: context.maxPages,
        onPage: (events) => {
            for (const event of events) {
                const time = event.EventTime?.getTime();
                if (time !== undefined && (!oldest || time < oldest.getTime()))
                    oldest = new Date(time);
            }
            context.store.collect(events, image, pushes, runtime.stats);
            return !(window.historyDays <= 0 && oldest && oldest.getTime() < window.pushed);
        },
    });
    return finish(pushes, result, window, oldest, 'EventName=PutImage');
}
function finish(pushes, result, window, oldest, strategy) {
    const complete = window.historyDays <= 0 || !result.truncated;
    const reachesBack = complete ? window.start : (oldest ?? window.start);
    return {
        pushes,
        complete,
        strategy,
        ...(window.historyDays > 0 ? { reachesBack } : {}),
    };
}

;// CONCATENATED MODULE: ./src/aws/rate-limit.ts
// A sliding-window rate limiter keyed by a string (the region, for CloudTrail): at most `limit`
// starts in any `windowMs` window per key, handed out in arrival order. Shared by every lookup of
// a run so that concurrent image investigations in one region stay under the account's limit
// together, not each on its own.
function abortReason(signal) {
    return signal.reason ?? new Error('aborted');
}
/** `setTimeout` as a promise, ended early (rejected) by the signal. */
const realSleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted) {
        reject(abortReason(signal));
        return;
    }
    const onAbort = () => {
        clearTimeout(timer);
        if (signal)
            reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
});
class RateLimiter {
    limit;
    windowMs;
    now;
    sleep;
    /** Start times of the last `limit` acquisitions per key. */
    starts = new Map();
    /** Tail of each key's queue: acquisitions are served one after another, first come first. */
    queues = new Map();
    /** After throttling: no start on this key before this time. */
    pausedUntil = new Map();
    constructor(options = {}) {
        this.limit = Math.max(1, Math.floor(options.limit ?? 2));
        this.windowMs = Math.max(1, options.windowMs ?? 1000);
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? realSleep;
    }
    /** Resolves when a call on `key` may start; rejects if the signal aborts while waiting. */
    acquire(key, signal) {
        const previous = this.queues.get(key) ?? Promise.resolve();
        const mine = previous.then(() => this.take(key, signal));
        // A waiter that gave up must not block the ones behind it.
        this.queues.set(key, mine.catch(() => undefined));
        return mine;
    }
    /** Holds every start on `key` for `ms` from now (the service said we were too fast). */
    pause(key, ms) {
        const until = this.now() + ms;
        this.pausedUntil.set(key, Math.max(this.pausedUntil.get(key) ?? 0, until));
    }
    async take(key, signal) {
        // Bounded: each turn either returns or sleeps until the earliest moment a slot frees up.
        for (;;) {
            if (signal?.aborted)
                throw abortReason(signal);
            const now = this.now();
            const recent = (this.starts.get(key) ?? []).filter((t) => now - t < this.windowMs);
            let readyAt = this.pausedUntil.get(key) ?? 0;
            if (recent.length >= this.limit) {
                const oldest = recent[recent.length - this.limit] ?? now;
                readyAt = Math.max(readyAt, oldest + this.windowMs);
            }
            if (readyAt <= now) {
                recent.push(now);
                this.starts.set(key, recent.slice(-this.limit));
                return;
            }
            await this.sleep(readyAt - now, signal);
        }
    }
}
/**
 * CloudTrail allows LookupEvents 2 times per second per account and region. The window carries a
 * margin because starts are stamped when we send and the service counts arrivals: network jitter
 * can bring two requests a few milliseconds closer on the way.
 */
const CLOUDTRAIL_CALLS_PER_WINDOW = 2;
const CLOUDTRAIL_WINDOW_MS = 1100;
/** The one limiter every CloudTrail adapter of this process shares, keyed by region. */
const sharedCloudTrailLimiter = new RateLimiter({
    limit: CLOUDTRAIL_CALLS_PER_WINDOW,
    windowMs: CLOUDTRAIL_WINDOW_MS,
});

;// CONCATENATED MODULE: ./src/aws/cloudtrail.ts







/** Pages one baseline read may take by default (50 events each). */
const DEFAULT_MAX_HISTORY_PAGES = 40;
class CloudTrailAdapter {
    calls = 0;
    clientFor;
    sleep;
    now;
    limiter;
    maxHistoryPages;
    expireAfter;
    random;
    /** Every push read so far: a later image may already be among them. */
    store = new PushStore();
    /** Which ResourceName form CloudTrail matched in a region, once proven. */
    provenForm = new Map();
    finder;
    constructor(deps) {
        this.clientFor = deps.clientFor;
        this.sleep = deps.sleep ?? realSleep;
        this.now = deps.now ?? Date.now;
        this.limiter = deps.limiter ?? sharedCloudTrailLimiter;
        this.maxHistoryPages = Math.max(1, deps.maxHistoryPages ?? DEFAULT_MAX_HISTORY_PAGES);
        this.expireAfter = deps.expireAfter ?? ((ms) => AbortSignal.timeout(ms));
        this.random = deps.random ?? Math.random;
        this.finder = new PushFinder({
            store: this.store,
            now: this.now,
            sleep: this.sleep,
            random: this.random,
        });
    }
    callCount() {
        return this.calls;
    }
    /** Never throws: a push not found in time is `not-found`, an unreadable CloudTrail `error`. */
    async investigate(image, options) {
        const stats = emptyStats();
        stats.strategy = 'EventName=PutImage';
        const timeoutMs = Math.max(0, options.timeoutMs);
        // One budget for the whole phase: find and history read alike.
        const expiry = this.expireAfter(timeoutMs + CALL_GRACE_MS);
        const activity = { sending: 0 };
        const runtime = {
            client: this.clientFor(image.region),
            region: image.region,
            limiter: this.limiter,
            sleep: this.sleep,
            stats,
            activity,
            onCall: () => {
                this.calls += 1;
            },
            random: this.random,
            signal: options.signal ? AbortSignal.any([options.signal, expiry]) : expiry,
        };
        // Read at the moment of expiry: the aborted call's own cleanup runs after this listener.
        let unansweredAtExpiry = false;
        expiry.addEventListener('abort', () => {
            unansweredAtExpiry = activity.sending > 0;
        }, { once: true });
        const late = () => expiry.aborted ? lateReason(timeoutMs, stats, unansweredAtExpiry) : undefined;
        const evidence = (state, rest = {}) => ({
            state,
            tagPushes: [],
            history: [],
            historyComplete: true,
            stats,
            ...rest,
        });
        let search;
        try {
            search = await this.finder.find(image, options, runtime);
        }
        catch (error) {
            return evidence('error', {
                historyComplete: false,
                reason: failureReason(error, image.region, options.signal, late()),
            });
        }
        const found = search.hit;
        if (!found) {
            return evidence('not-found', {
                historyComplete: false,
                reason: notFoundReason(image, search, stats),
            });
        }
        const { push } = found;
        const tag = image.target.tag ?? push.tag;
        if (options.historyDays <= 0 && !tag) {
            return evidence('found', { push });
        }
        const reading = { what: 'LookupEvents' };
        try {
            const read = await readRepository(image, found, options.historyDays, runtime, {
                store: this.store,
                provenForm: this.provenForm,
                maxPages: this.maxHistoryPages,
                now: this.now(),
                reading,
            });
            const pushed = push.eventTime.getTime();
            const others = read.pushes.filter((p) => p.eventId !== push.eventId);
            stats.strategy = `find: EventName=PutImage; around the push: ${read.strategy}`;
            return evidence('found', {
                push,
                history: others.filter((p) => p.eventTime.getTime() < pushed),
                tagPushes: tag
                    ? others.filter((p) => p.tag === tag && p.eventTime.getTime() >= pushed)
                    : [],
                historyComplete: read.complete,
                ...(read.reachesBack ? { historyReachesBack: read.reachesBack } : {}),
            });
        }
        catch (error) {
            // A history that could not be read proves nothing about who pushed before: the rules
            // make the uploader unverified, never `no-baseline` (issue 18 §3.4).
            const why = failureReason(error, image.region, options.signal, late());
            const historyError = `the push was found, but the pushes around it could not be read ` +
                `(${reading.what}): ${why}`;
            return evidence('found', {
                push,
                historyComplete: false,
                historyReachesBack: push.eventTime,
                historyError,
                reason: historyError,
            });
        }
    }
}

;// CONCATENATED MODULE: ./src/aws/cloudtrail-sweep.ts






/** 10,000 pushes an hour is a busy account (issue 15 §4); 100,000 events bound the memory. */
const DEFAULT_MAX_SWEEP_PAGES = 2_000;
class CloudTrailSweepAdapter {
    deps;
    calls = 0;
    sleep;
    limiter;
    expireAfter;
    /** Resources of every push read: the baseline read uses what CloudTrail indexed (history.ts). */
    read = new Map();
    provenForm = new Map();
    constructor(deps) {
        this.deps = deps;
        this.sleep = deps.sleep ?? realSleep;
        this.limiter = deps.limiter ?? sharedCloudTrailLimiter;
        this.expireAfter = deps.expireAfter ?? ((ms) => AbortSignal.timeout(ms));
    }
    callCount() {
        return this.calls;
    }
    async readPushes(region, start, end, options) {
        const stats = emptyStats();
        stats.strategy = 'EventName=PutImage';
        const expiry = this.expireAfter(Math.max(0, options.timeoutMs) + CALL_GRACE_MS);
        const signal = options.signal ? AbortSignal.any([options.signal, expiry]) : expiry;
        const runtime = {
            client: this.deps.clientFor(region),
            region,
            limiter: this.limiter,
            sleep: this.sleep,
            signal,
            stats,
            onCall: () => {
                this.calls += 1;
            },
        };
        const pushes = [];
        const maxPages = Math.max(1, options.maxPages ?? DEFAULT_MAX_SWEEP_PAGES);
        const result = (complete, error) => ({
            region,
            pushes,
            complete,
            ...(error === undefined ? {} : { error }),
            pages: stats.pages,
            calls: stats.calls,
            malformed: stats.malformed,
        });
        try {
            const walk = await walkPages(runtime, {
                attribute: { key: 'EventName', value: PUT_IMAGE },
                start,
                end,
                maxPages,
                onPage: (events) => {
                    const before = pushes.length;
                    for (const event of events) {
                        const parsed = parseTrailEvent(event);
                        if (parsed.kind === 'push') {
                            pushes.push(parsed.push);
                            this.read.set(parsed.push.eventId, {
                                push: parsed.push,
                                resources: event.Resources ?? [],
                            });
                        }
                        else if (parsed.kind === 'malformed')
                            stats.malformed += 1;
                    }
                    if (pushes.length > before)
                        options.onPushes?.(pushes.slice(before));
                    return true;
                },
            });
            if (walk.truncated) {
                return result(false, `the PutImage events of ${region} were cut short after ${walk.pages} pages (${pushes.length} pushes read); events older than the last page read were not checked`);
            }
            return result(true);
        }
        catch (error) {
            const why = expiry.aborted
                ? `the read ran out of time after ${Math.round(options.timeoutMs / 1000)} s (${stats.pages} pages read, calls paced at 2 per second per region); raise uploader-timeout`
                : failureText(error, region);
            return result(false, `PutImage events of ${region} could not all be read: ${why}`);
        }
    }
    async readBaseline(first, historyDays, options) {
        if (historyDays <= 0)
            return { pushes: [], complete: true };
        const stats = emptyStats();
        const expiry = this.expireAfter(Math.max(0, options.timeoutMs) + CALL_GRACE_MS);
        const signal = options.signal ? AbortSignal.any([options.signal, expiry]) : expiry;
        const runtime = {
            client: this.deps.clientFor(first.region),
            region: first.region,
            limiter: this.limiter,
            sleep: this.sleep,
            signal,
            stats,
            onCall: () => {
                this.calls += 1;
            },
        };
        const found = this.read.get(first.eventId) ?? { push: first, resources: [] };
        const image = {
            target: { raw: first.repository, repository: first.repository },
            registryId: first.registryId,
            region: first.region,
            repository: first.repository,
            imageDigest: first.digest ?? '',
            imageTags: [],
        };
        const reading = { what: `the baseline of ${first.repository}` };
        try {
            // The per-image baseline read, ending at the repository's first push in the window.
            const read = await readRepository(image, found, historyDays, runtime, {
                store: new PushStore(),
                provenForm: this.provenForm,
                maxPages: options.maxPages ?? 40,
                now: first.eventTime.getTime(),
                reading,
            });
            const before = first.eventTime.getTime();
            return {
                pushes: read.pushes.filter((p) => p.eventTime.getTime() < before),
                complete: read.complete,
            };
        }
        catch (error) {
            const why = expiry.aborted
                ? `the read ran out of time after ${Math.round(options.timeoutMs / 1000)} s`
                : failureText(error, first.region);
            return { pushes: [], complete: false, error: `${reading.what}: ${why}` };
        }
    }
}

;// CONCATENATED MODULE: ./src/runtime/cloudtrail-adapter.ts



function buildCloudTrailAdapter(options, perRegion) {
    return new CloudTrailAdapter({
        clientFor: perRegion((region) => cloudTrailClient({ region, ...options })),
    });
}
function buildSweepAdapter(options, perRegion) {
    return new CloudTrailSweepAdapter({
        clientFor: perRegion((region) => cloudTrailClient({ region, ...options })),
    });
}


/***/ })

};

//# sourceMappingURL=381.index.js.map