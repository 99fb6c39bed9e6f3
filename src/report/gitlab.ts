// GitLab container scanning report (`gl-container-scanning-report.json`, schema 15.2.4): what a
// GitLab job declares under `artifacts:reports:container_scanning`. Pure.
// Schema: gitlab-org/security-products/security-report-schemas, dist/container-scanning-report-format.json
// (v15.2.4; a copy is in ../shared/data/schemas/ with its SOURCES.md, the tests validate against it).
import { createHash } from 'node:crypto';
import type { AffectedPackage, Detection, ImageReport, Report, Severity } from '../model.js';
import { cleanLine, cleanText, safeUrl } from './escape.js';
import { compareFindings, isFindingRule, registryHost, severityOfRule } from './format.js';

export const GITLAB_SCHEMA_VERSION = '15.2.4';

type GitLabSeverity = 'Critical' | 'High' | 'Medium' | 'Low' | 'Info' | 'Unknown';
const SEVERITY: Readonly<Record<Severity, GitLabSeverity>> = {
  CRITICAL: 'Critical',
  HIGH: 'High',
  MEDIUM: 'Medium',
  LOW: 'Low',
  INFORMATIONAL: 'Info',
  UNDEFINED: 'Unknown',
};

// The schema's limits (name 255, solution 7000); descriptions are kept well below GitLab's own.
const NAME_MAX = 255;
const SOLUTION_MAX = 7000;
const DESCRIPTION_MAX = 4000;

/** `yyyy-mm-ddThh:mm:ss` in UTC: the schema's pattern allows no zone and no fraction. */
const gitlabTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

const imageRef = (image: ImageReport): string =>
  `${registryHost(image)}/${image.repository}@${image.imageDigest}`;

function identifiers(d: Detection): Array<Record<string, string>> {
  const id = cleanLine(d.findingId ?? d.finding ?? 'finding', 200) || 'finding';
  const url = safeUrl(d.uri);
  const type = /^CVE-\d{4}-\d+$/i.test(id) ? 'cve' : 'ecr_finding';
  return [{ type, name: id, value: id, ...(url ? { url } : {}) }];
}

function solution(packages: AffectedPackage[]): string | undefined {
  const fixes = packages
    .filter((p) => p.fixedInVersion)
    .map((p) => `Upgrade ${p.name} to ${p.fixedInVersion}.`);
  return fixes.length ? cleanText(fixes.join(' '), SOLUTION_MAX) : undefined;
}

/** Stable across runs for the same image, finding and package, so GitLab tracks it over time. */
const vulnerabilityId = (...parts: string[]): string => {
  const hex = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

function vulnerabilities(report: Report, d: Detection): Array<Record<string, unknown>> {
  const image = report.images[d.imageIndex];
  const severity = severityOfRule(d.rule);
  if (!image || !severity) return [];
  // The schema's location names one package: a finding in several packages is one entry each.
  const packages: AffectedPackage[] = d.packages?.length ? d.packages : [{ name: 'unknown' }];
  // GitLab's schema has no exploit field: the description says it, only when the scan says it.
  const exploit = d.exploitAvailable === 'YES' ? ' A known exploit is available.' : '';
  const fixNote = d.fixAvailable === 'NO' ? ' No fix is available yet.' : '';
  // compare-to (issue 14 §1): say whether this release brings the finding.
  const mark =
    d.compare === 'new'
      ? ' New against the compare-to reference.'
      : d.compare === 'unchanged'
        ? ' Already in the compare-to reference.'
        : '';
  const description = cleanText(`${d.message}${exploit}${fixNote}${mark}`, DESCRIPTION_MAX);
  return packages.map((p) => {
    const fix = solution([p]);
    return {
      id: vulnerabilityId(image.imageDigest, d.findingId ?? d.message, p.name, p.version ?? ''),
      name: cleanLine(`${d.findingId ?? 'Finding'} in ${p.name}`, NAME_MAX),
      ...(description ? { description } : {}),
      severity: SEVERITY[severity],
      ...(fix ? { solution: fix } : {}),
      identifiers: identifiers(d),
      location: {
        dependency: {
          package: { name: cleanLine(p.name, 500) || 'unknown' },
          version: cleanLine(p.version ?? '', 200),
        },
        // ECR findings do not name the operating system; the image platform is what is known.
        operating_system: cleanLine(image.platform ?? 'unknown', 100) || 'unknown',
        image: imageRef(image),
      },
    };
  });
}

/** Everything the gate decided on besides findings, and any failure, as scan messages. */
function messages(report: Report): Array<{ level: 'info' | 'warn' | 'fatal'; value: string }> {
  const out: Array<{ level: 'info' | 'warn' | 'fatal'; value: string }> = [];
  if (report.error) out.push({ level: 'fatal', value: cleanText(report.error) });
  out.push({
    level: report.result === 'pass' ? 'info' : 'warn',
    value: cleanText(
      `ecr-risk-gate: ${report.result} (risk score ${report.riskScore}). ${report.reasons.join(' ')}`,
    ),
  });
  for (const d of report.detections) {
    if (d.ignored || d.level === 'off' || isFindingRule(d.rule)) continue;
    out.push({
      level: d.level === 'fail' ? 'warn' : 'info',
      value: cleanText(`${d.rule}: ${d.message}`),
    });
  }
  for (const w of report.warnings)
    out.push({ level: 'warn', value: cleanText(`${w.code}: ${w.message}`) });
  return out.filter((m) => m.value.length > 0);
}

export function renderGitLab(report: Report): string {
  const end = Date.parse(report.generatedAt);
  const endMs = Number.isFinite(end) ? end : 0;
  const tool = { name: 'ecr-risk-gate', version: report.tool.version || 'unknown' };
  const vendor = { name: 'ecr-risk-gate' };
  const rows = report.detections
    .filter((d) => !d.ignored && d.level !== 'off' && isFindingRule(d.rule))
    .sort(compareFindings);
  const body = {
    version: GITLAB_SCHEMA_VERSION,
    scan: {
      analyzer: { id: 'ecr-risk-gate', ...tool, vendor },
      scanner: {
        id: 'amazon-ecr-image-scanning',
        name: 'Amazon ECR image scanning',
        version: tool.version,
        vendor: { name: 'Amazon Web Services' },
      },
      type: 'container_scanning',
      // `failure` when the gate could not evaluate at all: GitLab then shows the report as incomplete.
      status: report.error ? 'failure' : 'success',
      start_time: gitlabTime(endMs - Math.max(0, report.durationMs || 0)),
      end_time: gitlabTime(endMs),
      messages: messages(report),
    },
    vulnerabilities: rows.flatMap((d) => vulnerabilities(report, d)),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
