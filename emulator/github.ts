/**
 * A local stand-in for the GitHub REST endpoints the PR comment publisher uses: list, create and
 * update issue comments. Listens on 127.0.0.1 only, records every request, paginates like GitHub
 * (Link headers), accepts the GitHub Enterprise Server `/api/v3` prefix, and can be switched to
 * answer 403 or 404 (a fork's read-only token, a missing permission).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyText, misbehave, readBody, send, toApi } from './github-wire.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  body: unknown;
}

export interface StoredComment {
  id: number;
  owner: string;
  repo: string;
  issue: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User'; id?: number };
  created_at: string;
  updated_at: string;
}

export interface FailureSwitch {
  /** Error status to answer with (not needed with `broken`). */
  status?: 401 | 403 | 404 | 422 | 429 | 500 | 502 | 503;
  /** Only these methods fail (default: all). */
  methods?: Array<'GET' | 'POST' | 'PATCH'>;
  /** Error message instead of GitHub's usual wording for the status. */
  message?: string;
  /** Extra response headers, e.g. `x-ratelimit-remaining: 0` or `retry-after`. */
  headers?: Record<string, string>;
  /**
   * Instead of an error status: `malformed` answers 200 with a body that is not JSON, `reset`
   * drops the connection, `hang` answers nothing for `hangMs` (default 2000) and then drops it.
   */
  broken?: 'malformed' | 'reset' | 'hang';
  hangMs?: number;
}

export interface GithubEmulator {
  /** API root, e.g. `http://127.0.0.1:PORT` (append `/api/v3` to act as GHES). */
  url: string;
  requests: RecordedRequest[];
  comments: StoredComment[];
  /** Every comment edit: which comment, the editing identity and the comment's author. */
  edits: Array<{ id: number; by: string; author: string }>;
  /** Answer every matching request with this status until cleared with null. */
  fail(failure: FailureSwitch | null): void;
  /** Seeds a comment (e.g. a person's, or many to force pagination). */
  addComment(input: {
    owner: string;
    repo: string;
    issue: number;
    body: string;
    user?: StoredComment['user'];
  }): StoredComment;
  commentsOn(owner: string, repo: string, issue: number): StoredComment[];
  /**
   * Who a token is. Unknown tokens are the workflow's GITHUB_TOKEN: `github-actions[bot]`, an
   * installation token, for which `GET /user` answers 403 "Resource not accessible by
   * integration" (actions/create-github-app-token#258) while GraphQL `viewer` answers the bot
   * (fullsend-ai/fullsend#1953).
   */
  setIdentity(token: string, user: StoredComment['user']): void;
  close(): Promise<void>;
}

const BOT = { login: 'github-actions[bot]', type: 'Bot' as const, id: 41898282 };

export async function startGithubEmulator(): Promise<GithubEmulator> {
  const requests: RecordedRequest[] = [];
  const comments: StoredComment[] = [];
  let failure: FailureSwitch | null = null;
  const edits: Array<{ id: number; by: string; author: string }> = [];
  const identities = new Map<string, StoredComment['user']>();
  const whoIs = (authorization: string | undefined): StoredComment['user'] =>
    identities.get((authorization ?? '').replace(/^(token|bearer)\s+/i, '')) ?? BOT;
  let nextId = 1000;
  let clock = Date.parse('2024-01-01T00:00:00Z');
  const now = () => new Date((clock += 1000)).toISOString();

  const add: GithubEmulator['addComment'] = ({ owner, repo, issue, body, user }) => {
    const at = now();
    const comment: StoredComment = {
      id: (nextId += 1),
      owner,
      repo,
      issue,
      body,
      user: user ?? BOT,
      created_at: at,
      updated_at: at,
    };
    comments.push(comment);
    return comment;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      send(res, 500, { message: error instanceof Error ? error.message : String(error) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // GHES: REST under /api/v3, GraphQL at /api/graphql.
    const path = url.pathname
      .replace(/^\/api\/v3(?=\/)/, '')
      .replace(/^\/api\/graphql$/, '/graphql');
    const raw = await readBody(req);
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        send(res, 400, { message: 'Problems parsing JSON' });
        return;
      }
    }
    const method = req.method ?? 'GET';
    requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization ?? null,
      body,
    });
    if (!req.headers.authorization) {
      send(res, 401, { message: 'Requires authentication' });
      return;
    }
    if (failure && (!failure.methods || failure.methods.includes(method as 'GET'))) {
      if (failure.broken) {
        await misbehave(req, res, failure.broken, failure.hangMs ?? 2000);
        return;
      }
      const status = failure.status ?? 500;
      const message =
        failure.message ??
        (failure.status === 403
          ? 'Resource not accessible by integration'
          : failure.status === 404
            ? 'Not Found'
            : failure.status === 401
              ? 'Bad credentials'
              : 'Server Error');
      send(
        res,
        status,
        {
          message,
          documentation_url: 'https://docs.github.com/rest/issues/comments',
          status: String(status),
        },
        failure.headers ?? {},
      );
      return;
    }

    const caller = whoIs(req.headers.authorization);
    if (path === '/graphql' && method === 'POST') {
      send(res, 200, {
        data: { viewer: { login: caller.login, databaseId: caller.id ?? null } },
      });
      return;
    }
    if (path === '/user' && method === 'GET') {
      if (caller.type === 'Bot')
        send(res, 403, { message: 'Resource not accessible by integration' });
      else send(res, 200, { login: caller.login, id: caller.id ?? 1, type: caller.type });
      return;
    }
    const list = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    const one = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    if (list && method === 'GET') {
      const [, owner = '', repo = '', issue = '0'] = list;
      const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get('per_page') ?? 30)));
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const all = emulator.commentsOn(owner, repo, Number(issue));
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const links: string[] = [];
      const link = (p: number) => {
        const u = new URL(url.href);
        u.host = req.headers.host ?? u.host;
        u.searchParams.set('page', String(p));
        u.searchParams.set('per_page', String(perPage));
        return u.href;
      };
      if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
      if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
      send(
        res,
        200,
        all.slice((page - 1) * perPage, page * perPage).map(toApi),
        links.length ? { link: links.join(', ') } : {},
      );
      return;
    }
    if (list && method === 'POST') {
      const [, owner = '', repo = '', issue = '0'] = list;
      const text = bodyText(body);
      if (text === null) {
        send(res, 422, { message: 'Validation Failed: body is too long or missing' });
        return;
      }
      send(res, 201, toApi(add({ owner, repo, issue: Number(issue), body: text, user: caller })));
      return;
    }
    if (one && method === 'PATCH') {
      const [, owner = '', repo = '', id = '0'] = one;
      const comment = comments.find(
        (c) => c.id === Number(id) && c.owner === owner && c.repo === repo,
      );
      if (!comment) {
        send(res, 404, { message: 'Not Found' });
        return;
      }
      // GitHub lets a token edit its own comments (and, with write access, others'); the
      // emulator records whose comment was edited so tests can check for hijacks.
      edits.push({ id: comment.id, by: caller.login, author: comment.user.login });
      const text = bodyText(body);
      if (text === null) {
        send(res, 422, { message: 'Validation Failed: body is too long or missing' });
        return;
      }
      comment.body = text;
      comment.updated_at = now();
      send(res, 200, toApi(comment));
      return;
    }
    send(res, 404, { message: 'Not Found' });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const emulator: GithubEmulator = {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    fail: (f) => {
      failure = f;
    },
    addComment: add,
    edits,
    setIdentity: (token, user) => {
      identities.set(token, user);
    },
    commentsOn: (owner, repo, issue) =>
      comments.filter((c) => c.owner === owner && c.repo === repo && c.issue === issue),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return emulator;
}
