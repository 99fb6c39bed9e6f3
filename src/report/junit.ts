// JUnit XML for Jenkins (junit / xUnit plugins) and GitLab (`artifacts:reports:junit`): one
// <testsuite> per image, one <testcase> per detection row, a <failure> for each row at level
// `fail`, <skipped> for ignored and `off` rows. Pure. Validated in the tests against the Jenkins
// xUnit plugin's junit-10.xsd (../shared/data/schemas/junit.xsd, see its SOURCES.md).
import type { Detection, ImageReport, Report } from '../model.js';
import { cleanLine, cleanText, escapeHtml } from './escape.js';
import {
  compareDetections,
  detectionsOf,
  exploitText,
  fixText,
  imageLabel,
  plural,
} from './format.js';

// cleanText already turns C0/C1 controls into visible `[U+0001]` and repairs lone surrogates;
// U+FFFE and U+FFFF are the only other code points XML 1.0 forbids.
const NOT_XML = /[\uFFFE\uFFFF]/g;
const xml = (text: string, max?: number): string =>
  escapeHtml(cleanText(text, max).replace(NOT_XML, '\uFFFD')).replace(/'/g, '&apos;');
const attr = (text: string, max = 500): string =>
  escapeHtml(cleanLine(text, max).replace(NOT_XML, '\uFFFD')).replace(/'/g, '&apos;');

/** Seconds with at most three decimals: the xsd's Surefire `time` pattern allows no more. */
const seconds = (ms: number): string => (Math.max(0, ms || 0) / 1000).toFixed(3);

function testcase(d: Detection, classname: string): string {
  const id = d.findingId ?? d.image ?? d.detail ?? '';
  const name = attr(`${d.rule}${id ? `: ${id}` : ''}`);
  const open = `    <testcase name="${name}" classname="${attr(classname)}" time="0">`;
  const details = xml(
    [
      d.message,
      `level ${d.level}, severity ${d.severity}, risk score ${d.riskScore}`,
      d.findingId === undefined
        ? ''
        : `fix available: ${fixText(d)}, exploit available: ${exploitText(d)}`,
      d.compare ? `against the compare-to reference: ${d.compare}` : '',
      d.uri ? `advisory: ${d.uri}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    4000,
  );
  if (d.ignored) {
    return `${open}\n      <skipped message="${attr(`ignored: ${d.ignoreReason ?? 'by policy'}`)}"/>\n    </testcase>`;
  }
  if (d.level === 'off') return `${open}\n      <skipped message="rule is off"/>\n    </testcase>`;
  if (d.level === 'fail') {
    return `${open}\n      <failure type="${attr(d.rule)}" message="${attr(d.message)}">${details}</failure>\n    </testcase>`;
  }
  return `${open}\n      <system-out>${details}</system-out>\n    </testcase>`;
}

function suite(name: string, rows: Detection[], classname: string, extra = ''): string {
  const failures = rows.filter((d) => !d.ignored && d.level === 'fail').length;
  const skipped = rows.filter((d) => d.ignored || d.level === 'off').length;
  const cases = rows.map((d) => testcase(d, classname));
  return [
    `  <testsuite name="${attr(name)}" tests="${rows.length + (extra ? 1 : 0)}" failures="${failures}" errors="${extra ? 1 : 0}" skipped="${skipped}" time="0">`,
    ...cases,
    ...(extra ? [extra] : []),
    '  </testsuite>',
  ].join('\n');
}

const imageSuite = (report: Report, image: ImageReport, index: number): string =>
  suite(
    `ecr-risk-gate ${imageLabel(image)}`,
    detectionsOf(report, index).sort(compareDetections),
    `ecr-risk-gate.${image.repository}`,
  );

export function renderJunit(report: Report): string {
  const suites = report.images.map((image, i) => imageSuite(report, image, i));
  // A run that could not evaluate (or found no image) still yields a suite with an <error>, so CI
  // shows a red test instead of an empty, green report.
  if (report.error || report.images.length === 0) {
    const why = report.error ?? 'no image was evaluated';
    const error = `    <testcase name="evaluate" classname="ecr-risk-gate" time="0">\n      <error message="${attr(why)}">${xml(why)}</error>\n    </testcase>`;
    suites.push(suite('ecr-risk-gate', [], 'ecr-risk-gate', error));
  }
  const rows = report.detections;
  const failures = rows.filter((d) => !d.ignored && d.level === 'fail').length;
  const errors = report.error || report.images.length === 0 ? 1 : 0;
  const tests = rows.length + errors;
  const name = `ecr-risk-gate ${report.result} (${report.mode}), risk score ${report.riskScore}, ${plural(report.images.length, 'image')}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(name)}" tests="${tests}" failures="${failures}" errors="${errors}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
