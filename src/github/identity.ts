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

export interface TokenIdentity {
  login: string;
  /** Numeric user id; compared first when both sides carry one (logins of bots vary by API). */
  id: number | null;
  /** How it was established, for the log. */
  source: 'viewer' | 'github-actions-default';
}

export const GITHUB_ACTIONS_BOT: TokenIdentity = {
  login: 'github-actions[bot]',
  id: 41898282,
  source: 'github-actions-default',
};

export interface CommentAuthor {
  login?: string | undefined;
  id?: number | undefined;
  type?: string | undefined;
}

/** `viewer` through the given GraphQL client; GITHUB_TOKEN's bot when it gives no answer. */
export async function resolveIdentity(
  graphql: (query: string) => Promise<unknown>,
): Promise<TokenIdentity> {
  let answer: unknown;
  try {
    answer = await graphql('query { viewer { login databaseId } }');
  } catch (error) {
    // Bad credentials fail every later call too: let the caller report that once.
    if (statusOf(error) === 401) throw error;
    return GITHUB_ACTIONS_BOT;
  }
  const viewer = (answer as { viewer?: { login?: unknown; databaseId?: unknown } } | null)?.viewer;
  if (typeof viewer?.login !== 'string' || viewer.login === '') return GITHUB_ACTIONS_BOT;
  const id = viewer.databaseId;
  return {
    login: viewer.login,
    id: typeof id === 'number' && Number.isSafeInteger(id) ? id : null,
    source: 'viewer',
  };
}

/** True when `author` is the token's identity. */
export function isAuthoredBy(author: CommentAuthor | null | undefined, me: TokenIdentity): boolean {
  if (!author) return false;
  if (me.id !== null && typeof author.id === 'number') return author.id === me.id;
  // GraphQL names a bot `name` where REST says `name[bot]`; only a bot may match that way.
  const bare = (login: string) => login.toLowerCase().replace(/\[bot\]$/, '');
  if (typeof author.login !== 'string') return false;
  if (author.login.toLowerCase() === me.login.toLowerCase()) return true;
  return author.type === 'Bot' && bare(author.login) === bare(me.login);
}

function statusOf(error: unknown): number | null {
  const status =
    typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : null;
  return typeof status === 'number' ? status : null;
}
