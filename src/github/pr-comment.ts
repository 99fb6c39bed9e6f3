import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Report } from '../model.js';
import { errorMessage } from '../errors.js';
import { cleanLine, withoutTrailingSlashes } from '../report/escape.js';
import { renderPrComments, type PrComment } from '../report/pr-comment.js';
import { isAuthoredBy, resolveIdentity, type TokenIdentity } from './identity.js';

/** Where the comments go; read from the runner's environment unless a test injects it. */
export interface PullRequestContext {
  eventName: string;
  owner: string;
  repo: string;
  /** null when the event carries no pull request. */
  prNumber: number | null;
}

export interface PublishOptions {
  context?: PullRequestContext;
  /** REST API root; default `GITHUB_API_URL` (GitHub Enterprise Server), else api.github.com. */
  baseUrl?: string;
  /** Discriminator added to every comment key (several jobs gating one repository). */
  variant?: string;
  /** One comment per image (`pr-comment: per-image`) instead of one per job. */
  perImage?: boolean;
  /** `comment-key`; default: derived from the workflow, the job and the images gated. */
  commentKey?: string | null;
  /** Bounds the search for the existing comment: 100 comments per page. */
  maxPages?: number;
  /** Per-request timeout. */
  timeoutMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface PublishResult {
  /** Why nothing was attempted (not a pull-request event), or null. */
  skipped: string | null;
  published: Array<{ key: string; action: 'created' | 'updated'; id: number }>;
  warnings: string[];
}

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
export async function publishPrComments(
  report: Report,
  token: string,
  options: PublishOptions = {},
): Promise<string[]> {
  return (await publishPrCommentsDetailed(report, token, options)).warnings;
}

export async function publishPrCommentsDetailed(
  report: Report,
  token: string,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const env = options.env ?? process.env;
  const result: PublishResult = { skipped: null, published: [], warnings: [] };
  let context: PullRequestContext;
  try {
    context = options.context ?? contextFromEnv(env);
  } catch (error) {
    result.warnings.push(`PR comment not written: ${errorMessage(error)}`);
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
  } catch (error) {
    result.warnings.push(describeFailure(error, comments, context, token));
  }
  return result;
}

async function publish(
  comments: readonly PrComment[],
  token: string,
  context: PullRequestContext,
  options: PublishOptions,
  env: Readonly<Record<string, string | undefined>>,
  result: PublishResult,
): Promise<void> {
  const baseUrl = withoutTrailingSlashes(
    options.baseUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com',
  );
  // Loaded here, inside the caller's try: @actions/github parses GITHUB_EVENT_PATH as it loads,
  // and a payload that is not JSON must cost a warning, not the whole step.
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token, { baseUrl });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const request = () => ({ signal: AbortSignal.timeout(timeoutMs) });
  const { owner, repo } = context;
  const issue_number = context.prNumber as number;

  // Once per run, before any comment is read: whose comments are ours.
  const me = await resolveIdentity((query) => octokit.graphql(query, { request: request() }));
  const existing = await findExisting(
    comments.map((c) => c.marker),
    me,
    (page) =>
      octokit.rest.issues.listComments({
        owner,
        repo,
        issue_number,
        per_page: 100,
        page,
        request: request(),
      }),
    options.maxPages ?? DEFAULT_MAX_PAGES,
  );
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
    } else {
      const created = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number,
        body: comment.body,
        request: request(),
      });
      const id: unknown = (created.data as { id?: unknown } | null)?.id;
      if (typeof id !== 'number')
        throw new Error('GitHub answered the new comment with something that is not a comment');
      result.published.push({ key: comment.key, action: 'created', id });
    }
  }
}

interface ListedComment {
  id: number;
  body?: string | undefined;
  user?: { login?: string | undefined; id?: number | undefined; type?: string | undefined } | null;
}

/**
 * The token's own comment that carries each marker at the start of its body (the oldest),
 * reading at most `maxPages` pages. A marker in anyone else's comment is ignored: anyone on the
 * pull request can post it, and the gate must neither edit their text nor stay silent.
 */
async function findExisting(
  markers: readonly string[],
  me: TokenIdentity,
  listPage: (page: number) => Promise<{ data: ListedComment[] }>,
  maxPages: number,
): Promise<Map<string, number>> {
  const best = new Map<string, number>();
  const wanted = new Set(markers);
  for (let page = 1; page <= maxPages; page += 1) {
    const { data } = await listPage(page);
    // A proxy's error page or a broken answer must not be read character by character.
    if (!Array.isArray(data))
      throw new Error('GitHub answered the comment list with something that is not a list');
    for (const comment of data) {
      const marker = (comment.body ?? '').trimStart().split('\n', 1)[0]?.trim() ?? '';
      if (!wanted.has(marker) || best.has(marker) || !isAuthoredBy(comment.user, me)) continue;
      best.set(marker, comment.id);
    }
    if (data.length < 100) break;
  }
  return best;
}

function statusOf(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return null;
}

function describeFailure(
  error: unknown,
  comments: readonly PrComment[],
  context: PullRequestContext,
  token: string,
): string {
  const status = statusOf(error);
  const what = `PR comment for ${comments.map((c) => c.key).join(', ')} on ${context.owner}/${context.repo}#${context.prNumber ?? '?'} not written`;
  const detail = withoutCredentials(cleanLine(errorMessage(error), 300), token);
  // Octokit reports a connection that failed (reset, refused, timed out) as status 500 without a response.
  const answered =
    typeof error === 'object' &&
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
export function withoutCredentials(text: string, token: string): string {
  let out = token.length >= 4 ? text.split(token).join('***') : text;
  out = out.replace(/\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+/g, '***');
  out = out.replace(
    /\b(authorization|proxy-authorization|token|bearer|basic)(\s*[:=]?\s*)[^\s,;"']+/gi,
    '$1$2***',
  );
  return out;
}

/**
 * The key of a job's comment when `comment-key` is not set: workflow and job id, and a digest
 * of the images gated (registry, repository, platform; never tag or digest, so re-runs find
 * it). Matrix legs share the job id but gate different images, so each keeps its own comment.
 */
export function defaultCommentKey(
  report: Report,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const images = [
    ...new Set(
      report.images.map((i) => `${i.registryId}/${i.region}/${i.repository}/${i.platform ?? ''}`),
    ),
  ].sort();
  const digest = createHash('sha256').update(JSON.stringify(images)).digest('hex').slice(0, 12);
  return `${env.GITHUB_WORKFLOW ?? ''}/${env.GITHUB_JOB ?? ''}/${digest}`;
}

/** The run's page, from the runner's default variables; null outside a runner. */
export function workflowRunUrl(env: Readonly<Record<string, string | undefined>>): string | null {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = env;
  if (!repo || !runId || !/^\d+$/.test(runId)) return null;
  const attempt =
    env.GITHUB_RUN_ATTEMPT && /^\d+$/.test(env.GITHUB_RUN_ATTEMPT)
      ? `/attempts/${env.GITHUB_RUN_ATTEMPT}`
      : '';
  return `${withoutTrailingSlashes(server)}/${repo}/actions/runs/${runId}${attempt}`;
}

/** Event name, repository and pull-request number as the runner provides them. */
export function contextFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): PullRequestContext {
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  let prNumber: number | null = null;
  if (PR_EVENTS.has(eventName) && env.GITHUB_EVENT_PATH) {
    const payload: unknown = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    prNumber = pullRequestNumber(payload);
  }
  return { eventName, owner, repo, prNumber };
}

function pullRequestNumber(payload: unknown): number | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const pr = (payload as { pull_request?: unknown }).pull_request;
  if (typeof pr === 'object' && pr !== null) {
    const n = (pr as { number?: unknown }).number;
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) return n;
  }
  const n = (payload as { number?: unknown }).number;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : null;
}
