// What "inert" means on each surface, as lists of violations (empty = inert), so a failing
// check names every offending line instead of the first.
import { marked, type Token, type Tokens } from 'marked';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const RAW_BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const show = (line: string): string =>
  JSON.stringify(line.length > 160 ? `${line.slice(0, 160)}…` : line);

/** Characters no surface may carry raw: controls, bidi controls, lone surrogates. */
export function characterViolations(text: string, where: string): string[] {
  const out: string[] = [];
  if (RAW_CONTROL.test(text)) out.push(`${where}: raw control character`);
  if (RAW_BIDI.test(text)) out.push(`${where}: raw bidi control`);
  if (LONE_SURROGATE.test(text)) out.push(`${where}: lone surrogate`);
  return out;
}

/** The workflow commands the runner would execute from these log lines, ours excepted. */
export function commandViolations(
  log: string,
  ours: RegExp = /^::(error|warning|notice)( [^:\r\n]*)?::[^\r\n]*$/,
): string[] {
  return log
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trimStart().startsWith('::') || line.includes('##['))
    .filter((line) => !ours.test(line))
    .map((line) => `runs as a command: ${show(line)}`);
}

/** A log (plain text lines, no annotation commands of ours) the runner would treat as text only. */
export function logViolations(log: string): string[] {
  return [
    ...commandViolations(log, /$^/),
    ...characterViolations(log.replace(/[\t\r\n]/g, ' '), 'log'),
  ];
}

const unescapeData = (s: string): string =>
  s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (s: string): string =>
  unescapeData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));

/**
 * One annotation command line as the runner parses it: `::level props::data`. The props may not
 * hold a raw `:` or `,` (they would end the title early), and what the runner shows after
 * unescaping must be clean text.
 */
export function annotationViolations(line: string): string[] {
  const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) return [`not an annotation command: ${show(line)}`];
  const [, , props, data = ''] = match;
  const out: string[] = [];
  for (const prop of props === undefined ? [] : props.split(',')) {
    const eq = prop.indexOf('=');
    if (eq < 0) out.push(`property without a value: ${show(prop)}`);
    else
      out.push(
        ...characterViolations(
          unescapeProperty(prop.slice(eq + 1)),
          `property ${prop.slice(0, eq)}`,
        ),
      );
  }
  if (/[\r\n]/.test(data)) out.push('raw line break in the data');
  const message = unescapeData(data).replace(/\n/g, ' ');
  out.push(...characterViolations(message, 'annotation message'));
  return out;
}

const decodeEntities = (s: string): string =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) =>
      String.fromCodePoint(Number.parseInt(hex, 16)),
    )
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Renderers percent-encode different characters of the same URL; compare them decoded. */
function sameHref(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href;
  }
}

function tablesOf(markdown: string): Tokens.Table[] {
  const out: Tokens.Table[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'table') out.push(token as Tokens.Table);
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) walk(children);
    }
  };
  walk(marked.lexer(markdown, { gfm: true }));
  return out;
}

export interface MarkdownRules {
  /** Links the renderer may make (advisory URIs); every other `href` is a violation. */
  allowedHrefs: ReadonlySet<string>;
  /** The one HTML comment allowed, at the very start (the sticky comment's marker). */
  marker?: string;
  /** A document with a title of its own (not a renderer's output, where one would be forged). */
  title?: boolean;
}

/**
 * GitHub-flavoured Markdown that renders with only the renderer's own structure: no script,
 * image, frame or event handler, no link but the allowed ones, no forged comment or heading,
 * no live @mention or #reference outside code, tables intact, clean characters.
 */
export function markdownViolations(
  markdown: string,
  rules: MarkdownRules,
  where: string,
): string[] {
  const out = characterViolations(markdown, where);
  const html = marked.parse(markdown, { async: false, gfm: true });
  // Only tags act; the same words as escaped text are just text.
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    const name = /^<([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
    const forbidden = ['script', 'img', 'iframe', 'style', 'object', 'embed', 'form', 'input'];
    if (!rules.title) forbidden.push('h1');
    if (forbidden.includes(name)) {
      out.push(`${where}: renders ${show(tag)}`);
    }
    if (/\son\w+\s*=|(?:href|src)\s*=\s*"?\s*(?:javascript|data|vbscript):/i.test(tag)) {
      out.push(`${where}: active attribute in ${show(tag)}`);
    }
  }
  const allowed = new Set([...rules.allowedHrefs].map(sameHref));
  for (const [, href = ''] of html.matchAll(/<a [^>]*href="([^"]*)"/g)) {
    if (!allowed.has(sameHref(decodeEntities(href)))) out.push(`${where}: link to ${show(href)}`);
  }
  // Comments that survive rendering (inside a code span `<!--` is only text).
  const comments = html.match(/<!--/g) ?? [];
  const markerOk = rules.marker !== undefined && markdown.startsWith(rules.marker);
  if (comments.length > (markerOk ? 1 : 0)) out.push(`${where}: ${comments.length} HTML comments`);
  // What GitHub would turn into pings and links: the rendered text outside code.
  const prose = decodeEntities(
    html
      .replace(/<pre[\s\S]*?<\/pre>/g, ' ')
      .replace(/<code>[\s\S]*?<\/code>/g, ' ')
      .replace(/<[^>]+>/g, ' '),
  );
  for (const [mention] of prose.matchAll(/(?<![\w`])@[A-Za-z0-9][\w/-]*/g)) {
    out.push(`${where}: live mention ${show(mention)}`);
  }
  for (const [reference] of prose.matchAll(/(?<![\w&])(?:#|GH-)\d+/gi)) {
    out.push(`${where}: live reference ${show(reference)}`);
  }
  // GFM silently drops the cells a stray `|` adds, so count them in the source.
  for (const table of tablesOf(markdown)) {
    const width = table.header.length;
    for (const line of table.raw.trim().split('\n')) {
      const cells = line
        .trim()
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '')
        .split(/(?<!\\)\|/);
      if (cells.length !== width)
        out.push(`${where}: table line with ${cells.length} of ${width} cells`);
    }
  }
  if (/<p>\|/.test(html)) out.push(`${where}: a table row fell out of its table`);
  return out;
}

/**
 * The strings of a SARIF log that GitHub shows: everything but property bags, whose values are
 * data (the JSON report's fields again), except their `tags`, which code scanning displays.
 */
export function sarifDisplayedStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) sarifDisplayedStrings(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'properties' && typeof item === 'object' && item !== null) {
        sarifDisplayedStrings((item as { tags?: unknown }).tags, out);
      } else sarifDisplayedStrings(item, out);
    }
  }
  return out;
}

/** Every string in a JSON value. */
export function stringLeaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringLeaves(item, out);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringLeaves(item, out);
    }
  }
  return out;
}
