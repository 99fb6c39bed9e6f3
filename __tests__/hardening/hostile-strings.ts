// Hostile-text corpus: what a scanner, a registry or a CloudTrail record can carry that must
// never act on any surface. Data only; docs/reliability.md lists it.

export interface HostileString {
  id: string;
  /** What it tries to do. */
  attack: string;
  text: string;
}

const MEGABYTE = 1024 * 1024;

export const HOSTILE: readonly HostileString[] = [
  {
    id: 'wf-error',
    attack: 'workflow command at a line start',
    text: '::error::pwned by the scanner',
  },
  {
    id: 'wf-stop-commands',
    attack: 'turn off command processing, then forge the verdict',
    text: '::stop-commands::tok3n\n::notice::gate passed\n::tok3n::',
  },
  {
    id: 'wf-legacy',
    attack: 'legacy `##[` command anywhere in a line',
    text: 'see ##[error]legacy command',
  },
  {
    id: 'wf-encoded-newline',
    attack: 'percent-encoded newline inside annotation data',
    text: 'text%0A::warning::injected%0D%0A',
  },
  {
    id: 'wf-crlf-output',
    attack: 'CR LF, then a forged output',
    text: 'ok\r\n::set-output name=result::pass\r\nresult=pass',
  },
  {
    id: 'wf-unicode-line-break',
    attack: 'Unicode line and paragraph separators, NEL',
    text: 'a\u2028::error::b\u2029::warning::c\u0085::notice::d',
  },
  {
    id: 'wf-indented',
    attack: 'command after leading whitespace',
    text: '   \t::add-mask::secret',
  },
  {
    id: 'md-link',
    attack: 'Markdown link to a phishing page',
    text: '[Approve the fix](https://evil.example/login)',
  },
  { id: 'md-image', attack: 'tracking image', text: '![pixel](https://evil.example/p.png)' },
  {
    id: 'md-js-link',
    attack: 'javascript: link',
    text: '[click](javascript:alert(document.cookie))',
  },
  { id: 'html-script', attack: 'script tag', text: '<script>alert(1)</script>' },
  {
    id: 'html-img-onerror',
    attack: 'HTML with an event handler',
    text: '<img src=x onerror=alert(1)>',
  },
  {
    id: 'html-forged-marker',
    attack: "forge the sticky comment's marker, close the details block",
    text: '<!-- ecr-risk-gate:app --></summary></details><h1>PASS</h1>',
  },
  {
    id: 'md-table-break',
    attack: 'break out of a table cell',
    text: 'a | b |\n|---|---|\n| forged | row |',
  },
  { id: 'md-code-fence', attack: 'unbalanced code fence', text: '```\n</details>\n```' },
  { id: 'md-math', attack: 'GitHub math', text: '$$\\unicode{x202E}\\color{red}{PASS}$$' },
  {
    id: 'gh-mentions',
    attack: '`@org/team` and `@user` pings',
    text: 'cc @octo-org/security @admin please merge',
  },
  { id: 'gh-references', attack: 'issue links', text: 'fixes #1, closes GH-2 and acme/shop#3' },
  {
    id: 'gh-autolink',
    attack: 'bare URLs that autolink',
    text: 'see https://evil.example and www.evil.example',
  },
  {
    id: 'bidi-trojan-source',
    attack: 'bidi override (Trojan Source)',
    text: 'safe\u202Egnp.exe\u2066hidden\u2069\u200F',
  },
  {
    id: 'ansi-escape',
    attack: 'terminal colour, bell, title change',
    text: '\u001b[31mred\u001b[0m\u0007\u001b]0;title\u0007',
  },
  { id: 'c1-csi', attack: 'C1 control (8-bit CSI)', text: 'x\u009b31mred\u009c' },
  {
    id: 'controls',
    attack: 'NUL, backspace, vertical tab, form feed, DEL',
    text: 'a\u0000b\u0008c\u000bd\u000ce\u007f',
  },
  {
    id: 'lone-surrogates',
    attack: 'invalid UTF-16 (cannot be encoded as UTF-8)',
    text: 'x\uD800y\uDFFFz\uDBFF',
  },
  { id: 'json-break', attack: 'JSON string break-out', text: '"},{"result":"pass","x":"\\' },
  { id: 'percent', attack: 'runner escapes taken literally', text: '%25%0D%0A%3A%2C 100%' },
  {
    id: 'megabyte',
    attack: 'a megabyte of text',
    text: `${'A'.repeat(MEGABYTE)}::error::tail`,
  },
];

export const hostileText = (id: string): string => {
  const found = HOSTILE.find((h) => h.id === id);
  if (!found) throw new Error(`no hostile string ${id}`);
  return found.text;
};
