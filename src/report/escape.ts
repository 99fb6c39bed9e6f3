/**
 * The one place where untrusted text (scanner descriptions, package names, CloudTrail fields,
 * policy reasons) is made safe for each surface it reaches: the runner log, workflow-command
 * annotations, GitHub-flavoured Markdown/HTML and the terminal. Every function is pure and total
 * (any string in, a bounded safe string out) so property tests can hammer it.
 */

/** Default cap for one piece of text on a human-facing surface. */
export const DEFAULT_MAX_CHARS = 2000;

const ZWSP = '\u200B';
const ZWJ = '\u200D';

// Lone surrogates cannot be encoded as UTF-8; JSON.stringify and GitHub both choke on them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Bidi embeddings, overrides and isolates (Trojan Source) plus the invisible direction marks.
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// C0 controls except tab/LF/CR (handled per surface), DEL and the C1 controls (incl. CSI 0x9B).
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAK = /\r\n|\r|\n|\u2028|\u2029|\u0085/g;
const HAS_SURROGATE = /[\uD800-\uDFFF]/;
// Everything the passes of cleanText change (`\n` alone is already normal).
const NEEDS_CLEANING =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Either of the two above: one scan for the usual text, which has neither.
const NEEDS_ANY =
  // eslint-disable-next-line no-control-regex -- as above
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

const codePoint = (ch: string): string =>
  `[U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}]`;

/** Replaces lone surrogates (invalid UTF-16) with U+FFFD. */
export function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Cuts `text` to at most `max` UTF-16 units, ending with a marker that says how much was cut.
 * Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = (cut: number) => `… [truncated ${cut} characters]`;
  let keep = Math.max(0, max - marker(text.length).length);
  const last = text.charCodeAt(keep - 1);
  if (keep > 0 && last >= 0xd800 && last <= 0xdbff) keep -= 1;
  const out = text.slice(0, keep) + marker(text.length - keep);
  return out.length <= max ? out : out.slice(0, max);
}

/**
 * The common base of every surface: well-formed UTF-16, control and bidi characters shown as
 * `[U+202E]` instead of acting, line breaks normalised to `\n`, tabs to a space, at most `max`.
 */
export function cleanText(text: string, max = DEFAULT_MAX_CHARS): string {
  // Cut first so a 1 MB string costs no more than a short one on the passes below, and skip
  // the passes for the usual text that has nothing to clean.
  let out = truncate(String(text), max);
  if (!NEEDS_ANY.test(out)) return out;
  if (HAS_SURROGATE.test(out)) out = toWellFormed(out);
  if (NEEDS_CLEANING.test(out)) {
    out = out
      .replace(LINE_BREAK, '\n')
      .replace(/\t/g, ' ')
      .replace(CONTROL, codePoint)
      .replace(BIDI, codePoint);
  }
  return truncate(out, max);
}

/** One line of text: `cleanText` with line breaks turned into spaces. */
export function cleanLine(text: string, max = DEFAULT_MAX_CHARS): string {
  const clean = cleanText(text, max);
  return clean.includes('\n') ? clean.replace(/\n/g, ' ') : clean;
}

/**
 * Makes text safe to print to the runner log (`core.info` escapes nothing): no line may start,
 * after trimming, with `::` (a workflow command, `::stop-commands::` included) and no line may
 * contain `##[` (the legacy command syntax, matched anywhere). Each line of multi-line text is
 * treated, so text cannot smuggle a command onto a new line.
 */
export function neutralizeLogText(text: string, max = DEFAULT_MAX_CHARS): string {
  return cleanText(text, max).split('\n').map(neutralizeLogLine).join('\n');
}

/**
 * Only the command neutralisation of `neutralizeLogText`, line by line, for text that is already
 * clean and carries our own ANSI colours (which `cleanText` would make visible).
 */
export function neutralizeCommands(text: string): string {
  return text.split('\n').map(neutralizeLogLine).join('\n');
}

function neutralizeLogLine(line: string): string {
  // The zero-width space is not whitespace to the runner's Trim(), so the line no longer
  // begins with `::`, and `##[` no longer occurs; the text still reads the same.
  let out = line.replace(/##\[/g, `##${ZWSP}[`);
  const start = out.length - out.trimStart().length;
  if (out.startsWith('::', start)) out = `${out.slice(0, start)}:${ZWSP}${out.slice(start + 1)}`;
  return out;
}

/** Workflow command data (`::error::<data>`): the runner's own escaping of `%`, CR and LF. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command property values (`title=`, `file=`): also `:` and `,`. */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

// Matches exactly where one of the replacements below would change something (the union of
// their patterns), so text with an `@` that is no mention (`app:v1@sha256:…`, in every SARIF
// message) takes the one scan, not the five passes.
// No `\b` before `www.` or `GH-`: GFM autolinks `www.` after `_`, `*`, `~` and `(` as well.
const MAY_NEED_DEFUSING =
  /(?<![A-Za-z0-9_])@[A-Za-z0-9_-]|@[A-Za-z0-9_-]+\.[A-Za-z0-9_-]|#\d|gh-\d|:\/\/|www\./i;

/**
 * Breaks what GitHub would turn into a notification or a link on its own: `@user` and
 * `@org/team` mentions, `#123` and `GH-123` references, bare `https://` and `www.` autolinks.
 * A zero-width joiner or space keeps the text readable.
 */
export function defuseGitHubReferences(text: string): string {
  // One scan for the usual text with nothing to defuse instead of five replace passes.
  if (!MAY_NEED_DEFUSING.test(text)) return text;
  return (
    text
      // `@` forms a mention after a non-word character or at the start (GitHub's mention filter
      // wants `(?:^|\W)@`, gjtorikian/html-pipeline MentionFilter), and an email autolink when a
      // dotted domain follows (GFM spec, "Autolinks (extension)"). Anywhere else, as in
      // `v1@sha256:…`, it is left alone.
      .replace(/(?<![A-Za-z0-9_])@(?=[A-Za-z0-9_-])|@(?=[A-Za-z0-9_-]+\.[A-Za-z0-9_-])/g, `@${ZWJ}`)
      .replace(/#(?=\d)/g, `#${ZWJ}`)
      .replace(/(GH)-(?=\d)/gi, `$1${ZWJ}-`)
      .replace(/:\/\//g, `:${ZWSP}//`)
      .replace(/(www)\./gi, `$1${ZWSP}.`)
  );
}

/**
 * `&`, `<`, `>` and `"` as named entities: no tag, no comment, no attribute break-out, and no
 * `&#64;`-style entity that would turn back into `@`. Named entities only, so the `#` rules of
 * `defuseGitHubReferences` and Markdown escaping never touch what this adds.
 */
export function escapeHtml(text: string): string {
  if (!/[&<>"]/.test(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

// Inline Markdown syntax, `|` (table cells), `$` (GitHub math) and `~` (strikethrough). `&<>"`
// are entities by then. Block syntax (`#`, `-`, `1.`) only acts at a line start: see below.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]()!|~$]/g;
const HAS_MARKDOWN_PUNCTUATION = /[\\`*_[\]()!|~$]/;
const BLOCK_START = /^(\s*)([#+\-=]|\d+(?=[.)]))/;

/**
 * Text for a Markdown paragraph or table cell: one line, every Markdown and HTML construct shown
 * literally (links, images, `<script>`, comments such as a forged sticky-comment marker),
 * mentions and references defused, control and bidi characters visible, at most `max` chars
 * of source text.
 */
export function escapeMarkdown(text: string, max = DEFAULT_MAX_CHARS): string {
  const line = escapeHtml(defuseGitHubReferences(cleanLine(text, max)));
  const escaped = HAS_MARKDOWN_PUNCTUATION.test(line)
    ? line.replace(MARKDOWN_PUNCTUATION, '\\$&')
    : line;
  return BLOCK_START.test(escaped)
    ? escaped.replace(BLOCK_START, (_, space: string, mark: string) =>
        /\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`,
      )
    : escaped;
}

/**
 * Text inside an HTML element of a Markdown document (`<summary>…</summary>`): GitHub does not
 * apply Markdown there, so only entities, defused references and cleaned characters.
 */
export function escapeHtmlText(text: string, max = DEFAULT_MAX_CHARS): string {
  return escapeHtml(defuseGitHubReferences(cleanLine(text, max)));
}

/**
 * An http(s) URL that is safe as a Markdown link destination and in a table cell, or null.
 * Anything else (javascript:, data:, relative, over 2,000 chars) is refused.
 */
export function safeUrl(raw: string | undefined | null): string | null {
  if (!raw || raw.length > 2000) return null;
  if (CANONICAL_URL.test(raw) && !DOT_SEGMENT.test(raw) && !raw.includes('xn--')) return raw;
  // Each finding's advisory URL reaches several surfaces; parsing it once is enough.
  const known = SAFE_URLS.get(raw);
  if (known !== undefined) return known;
  if (SAFE_URLS.size >= SAFE_URLS_MAX) SAFE_URLS.clear();
  const safe = checkUrl(raw);
  SAFE_URLS.set(raw, safe);
  return safe;
}

const SAFE_URLS = new Map<string, string | null>();
const SAFE_URLS_MAX = 50_000;
/**
 * A URL the WHATWG parser gives back unchanged and `checkUrl` lets through as it is, so parsing
 * it (~1 µs, each advisory URL is new) is skipped: lower-case http(s), a lower-case host of
 * letters, digits and hyphens whose last label starts with a letter (no IPv4 form, no IDNA
 * `xn--` label to validate), no port or user, and a path of characters nothing percent-encodes
 * or `checkUrl` escapes, without `.` or `..` segments. `__tests__/report/escape.test.ts` checks
 * it against the parser.
 */
const CANONICAL_URL = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z][a-z0-9-]*\/[A-Za-z0-9.~/-]*$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/** The parser's verdict on a URL, without the cache or the shortcut (exported for tests). */
export function checkUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password) return null;
  // The WHATWG serialiser leaves these alone; in Markdown they end the destination or the cell.
  const href = url.href.replace(
    /[()|[\]`'*_\\<>"\s]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
  return /^[\x21-\x7E]+$/.test(href) ? href : null;
}

/** `[text](url)` with both escaped, or the escaped text alone when the URL is not safe. */
export function markdownLink(text: string, url: string | undefined | null, max = 200): string {
  const label = escapeMarkdown(text, max);
  const href = safeUrl(url);
  // CommonMark decodes entity references in a link destination: a URL holding `&amp;` would
  // point at `&`. Writing every `&` as `&amp;` makes the rendered link the URL itself.
  if (!href) return label;
  return `[${label}](${href.includes('&') ? href.replace(/&/g, '&amp;') : href})`;
}

/** Inline code for short, trusted-shape values (digests, ARNs), still escaped. */
export function markdownCode(text: string, max = 300): string {
  const line = cleanLine(text, max);
  // A code span cannot hold its own delimiter run and `|` still splits a table row, so fall
  // back to escaped text for anything unusual.
  if (/[`|<>&@#]/.test(line) || line.trim() !== line || line === '') return escapeMarkdown(line);
  return `\`${line}\``;
}

/**
 * Text for a terminal: control characters (ESC, CSI, BEL, backspace...) shown as `[U+001B]`
 * so scanner text cannot move the cursor, recolour or retitle the terminal, and bidi overrides
 * shown too. Lines are also neutralised for the runner log, since the CLI runs in CI.
 */
export function escapeTerminal(text: string, max = DEFAULT_MAX_CHARS): string {
  return neutralizeLogText(cleanLine(text, max), max + 16);
}

/** UTF-8 size of a string (GitHub's summary and SARIF limits are in bytes). */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * `text` without the `/` at its end. A scan from the end, not `/\/+$/`: that pattern is retried
 * from every `/` of a long run of slashes, which is quadratic (issue 19 §3).
 */
export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x2f) end -= 1;
  return text.slice(0, end);
}
