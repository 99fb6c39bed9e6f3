// Fault corpus, GitHub side: the sticky PR comment against a REST API that refuses, breaks or
// stalls. A comment is never worth a crash or a changed verdict. Data only.
import type { FaultCase } from './fault-world.js';

const commentWarning = (
  id: string,
  fault: string,
  github: NonNullable<FaultCase['setup']['github']>,
  log: string,
): FaultCase => ({
  id,
  area: 'GitHub',
  fault,
  setup: { github },
  expect: { code: 0, result: 'warn', rules: ['medium'], log, comments: 0 },
});

export const GITHUB_CASES: FaultCase[] = [
  {
    id: 'gh-comment-written',
    area: 'GitHub',
    fault: 'None: the stand-in answers normally (control case)',
    setup: {},
    expect: { code: 0, result: 'warn', rules: ['medium'], comments: 1 },
  },
  {
    id: 'gh-comment-updated',
    area: 'GitHub',
    fault: "None: the earlier run's sticky comment is updated in place (control case)",
    setup: { earlierComment: true },
    expect: { code: 0, result: 'warn', rules: ['medium'], comments: 1, updated: true },
  },
  {
    id: 'gh-403-on-update',
    area: 'GitHub',
    fault: "HTTP 403 when updating the earlier run's comment",
    setup: { earlierComment: true, github: { status: 403, methods: ['PATCH'] } },
    expect: {
      code: 0,
      result: 'warn',
      rules: ['medium'],
      log: 'pull-requests: write',
      comments: 1,
      updated: false,
    },
  },
  commentWarning(
    'gh-403-read-only-token',
    "HTTP 403 on every call (a fork's read-only token)",
    { status: 403 },
    'pull-requests: write',
  ),
  commentWarning(
    'gh-403-on-create',
    'HTTP 403 only when creating the comment',
    { status: 403, methods: ['POST'] },
    'pull-requests: write',
  ),
  commentWarning(
    'gh-404',
    'HTTP 404 (pull request not visible to the token)',
    { status: 404 },
    'HTTP 404',
  ),
  commentWarning(
    'gh-401',
    'HTTP 401 (token rejected)',
    { status: 401 },
    'github-token was rejected',
  ),
  commentWarning('gh-500', 'HTTP 500 on every call', { status: 500 }, 'HTTP 500'),
  commentWarning(
    'gh-502-on-create',
    'HTTP 502 when creating the comment',
    { status: 502, methods: ['POST'] },
    'HTTP 502',
  ),
  commentWarning(
    'gh-rate-limit-403',
    'Primary rate limit: HTTP 403 "API rate limit exceeded", x-ratelimit-remaining 0',
    {
      status: 403,
      message: 'API rate limit exceeded for installation ID 4242.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' },
    },
    'rate limit was reached',
  ),
  commentWarning(
    'gh-rate-limit-429',
    'Secondary rate limit: HTTP 429 with retry-after',
    {
      status: 429,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '60' },
    },
    'rate limit was reached',
  ),
  commentWarning(
    'gh-malformed',
    'Answers 200 with a body that is not JSON',
    { broken: 'malformed' },
    'not a list',
  ),
  commentWarning(
    'gh-reset',
    'Connection reset on every call',
    { broken: 'reset' },
    'GitHub could not be reached',
  ),
  commentWarning(
    'gh-stall-then-drop',
    'Every call stalls 1.5 s, then the connection drops',
    { broken: 'hang', hangMs: 1500 },
    'GitHub could not be reached',
  ),
  {
    id: 'gh-event-payload-broken',
    area: 'GitHub',
    fault: 'GITHUB_EVENT_PATH holds text that is not JSON',
    setup: { eventPayload: '{"pull_request": {"number": 7' },
    expect: {
      code: 0,
      result: 'warn',
      rules: ['medium'],
      log: 'PR comment not written',
      comments: 0,
    },
  },
  {
    id: 'gh-403-gate-fails',
    area: 'GitHub',
    fault: 'HTTP 403 on every call while the gate itself fails (scan FAILED)',
    setup: { github: { status: 403 }, scan: { timeline: [{ status: 'FAILED' }] } },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      log: 'pull-requests: write',
      comments: 0,
    },
  },
];
