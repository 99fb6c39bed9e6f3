// Renders the job summary and the PR comment of realistic reports as GitHub would show them
// (GFM → HTML with `marked`, a GitHub-like stylesheet inline) and screenshots them with headless
// Chromium into docs/img/. Needs tsx (it imports the TypeScript renderers) and a `chromium` on
// PATH (Debian: `apt-get install chromium`):
//
//   node --import tsx scripts/screenshots.mjs [--html-only]
//
// `--html-only` writes the HTML pages next to the PNGs without starting a browser.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { marked } from 'marked';
import { renderSummary } from '../src/report/summary.ts';
import { renderPrComments } from '../src/report/pr-comment.ts';
import { renderText } from '../src/report/text.ts';
import { multiImageReport, splunkReport } from '../__tests__/report/fixtures.ts';

const OUT = resolve('docs/img');
const htmlOnly = process.argv.includes('--html-only');

// Close to github.com's `.markdown-body` (light theme), enough to judge layout and wrapping.
const CSS = `
  body { margin: 0; background: #ffffff; }
  .frame { margin: 16px; border: 1px solid #d1d9e0; border-radius: 6px; }
  .frame > .title { padding: 8px 16px; background: #f6f8fa; border-bottom: 1px solid #d1d9e0;
    border-radius: 6px 6px 0 0; font: 600 14px -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
  .markdown-body { padding: 16px 24px; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji";
    font-size: 14px; line-height: 1.5; color: #1f2328; word-wrap: break-word; }
  .markdown-body h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0b3; padding-bottom: .3em; margin: 24px 0 16px; font-weight: 600; }
  .markdown-body h3 { font-size: 1.25em; margin: 24px 0 16px; font-weight: 600; }
  .markdown-body h4 { font-size: 1em; margin: 24px 0 16px; font-weight: 600; }
  .markdown-body h2:first-child, .markdown-body h3:first-child { margin-top: 0; }
  .markdown-body p, .markdown-body ul, .markdown-body table, .markdown-body details, .markdown-body blockquote { margin: 0 0 16px; }
  .markdown-body ul { padding-left: 2em; }
  .markdown-body a { color: #0969da; text-decoration: none; }
  .markdown-body code { padding: .2em .4em; font-size: 85%; background: #818b981f; border-radius: 6px;
    font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
  .markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
  .markdown-body table th { font-weight: 600; }
  .markdown-body table th, .markdown-body table td { padding: 6px 13px; border: 1px solid #d1d9e0; }
  .markdown-body table tr { background: #ffffff; border-top: 1px solid #d1d9e0b3; }
  .markdown-body table tr:nth-child(2n) { background: #f6f8fa; }
  .markdown-body blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
  .markdown-body details summary { cursor: pointer; display: list-item; }
  .markdown-body sub { color: #59636e; }
  pre.terminal { margin: 16px; padding: 16px; background: #0d1117; color: #e6edf3; border-radius: 6px;
    font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; white-space: pre; }
  .terminal .r { color: #ff7b72; } .terminal .g { color: #3fb950; } .terminal .y { color: #d29922; }
  .terminal .m { color: #d2a8ff; } .terminal .c { color: #79c0ff; } .terminal .b { font-weight: 700; } .terminal .d { color: #8b949e; }
`;

const page = (title, body) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title><style>${CSS}</style></head><body>${body}</body></html>`;

const markdownPage = (title, markdown) =>
  page(
    title,
    `<div class="frame"><div class="title">${title}</div><div class="markdown-body">${marked.parse(markdown, { gfm: true })}</div></div>`,
  );

/** The CLI's ANSI output as coloured HTML, to show the terminal report too. */
function terminalPage(title, ansi) {
  const classes = { 1: 'b', 2: 'd', 31: 'r', 32: 'g', 33: 'y', 35: 'm', 36: 'c' };
  const escaped = ansi.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  let open = 0;
  // eslint-disable-next-line no-control-regex -- the ANSI colour codes of the CLI are the input
  const html = escaped.replace(/\u001b\[(\d+)m/g, (_, code) => {
    if (code === '0') {
      const close = '</span>'.repeat(open);
      open = 0;
      return close;
    }
    open += 1;
    return `<span class="${classes[code] ?? ''}">`;
  });
  return page(title, `<pre class="terminal">${html}</pre>`);
}

/** Open every <details> so the screenshot shows the tables a reader would unfold. */
const unfold = (html) => html.replace(/<details>/g, '<details open>');

const shots = [
  {
    name: 'job-summary',
    width: 1280,
    height: 2400,
    html: unfold(
      markdownPage(
        'Job summary — devsecops/cat_dog_client (Splunk basic scan)',
        renderSummary(
          splunkReport(
            {
              ignore: [
                {
                  id: 'CVE-2021-3326',
                  package: 'glibc',
                  reason: 'not reachable from our entrypoint',
                  expires: '2027-01-31',
                },
              ],
            },
            {
              warnings: [
                {
                  code: 'ignore-stale',
                  message:
                    'ignore CVE-2019-9999 (openssl) matched no finding; remove it from .github/ecr-risk-gate.yml:7',
                },
              ],
            },
          ),
          { reportFile: '/home/runner/work/_temp/ecr-risk-gate-report.json' },
        ),
      ),
    ),
  },
  {
    name: 'job-summary-multi',
    width: 1280,
    height: 1500,
    html: markdownPage('Job summary — several images', renderSummary(multiImageReport())),
  },
  {
    name: 'pr-comment',
    width: 1100,
    height: 2250,
    html: unfold(
      markdownPage('github-actions bot commented', renderPrComments(splunkReport())[0].body),
    ),
  },
  {
    name: 'terminal',
    width: 1100,
    height: 600,
    html: terminalPage('ecr-risk-gate CLI', renderText(splunkReport(), { color: true })),
  },
];

mkdirSync(OUT, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'ecr-gate-chromium-'));
try {
  for (const shot of shots) {
    const htmlPath = join(htmlOnly ? OUT : profile, `${shot.name}.html`);
    writeFileSync(htmlPath, shot.html);
    if (htmlOnly) continue;
    const png = join(OUT, `${shot.name}.png`);
    const result = spawnSync(
      process.env.CHROMIUM ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${join(profile, 'user-data')}`,
        `--screenshot=${png}`,
        `--window-size=${shot.width},${shot.height}`,
        `file://${htmlPath}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
    if (result.status !== 0) {
      console.error(
        `chromium failed for ${shot.name}: ${result.error?.message ?? result.stderr.toString().slice(-500)}`,
      );
      process.exitCode = 1;
      continue;
    }
    console.log(`wrote ${png}`);
  }
} finally {
  rmSync(profile, { recursive: true, force: true });
}
