// The SARIF finding rule and result as objects, the way sarif-entries.ts built them before they
// were written by concatenation (sarif-json.ts): the oracle that sarif-json.test.ts serialises and
// compares byte for byte. Kept here, not in src/, so the product has one writer of each.
import { createHash } from 'node:crypto';
import type { ReportingDescriptor, Result } from 'sarif';
import type { ImageReport, Severity } from '../../src/model.js';
import {
  cleanLine,
  cleanText,
  escapeMarkdown,
  markdownLink,
  safeUrl,
} from '../../src/report/escape.js';
import { imageLabel, packageText, severityOfRule } from '../../src/report/format.js';
import {
  type Candidate,
  type SarifLocation,
  FINGERPRINT_KEY,
  LEVEL,
  descriptionOf,
  inPackages,
  sarifMessage,
  securitySeverity,
} from '../../src/report/sarif-entries.js';

export function findingRuleOf(c: Candidate): ReportingDescriptor {
  const d = c.detection;
  const severity = severityOfRule(d.rule) as Severity;
  const packages = (d.packages ?? []).slice(0, 20).map(packageText);
  const advisory = safeUrl(d.uri);
  const rule: ReportingDescriptor = {
    id: c.ruleId,
    shortDescription: { text: cleanLine(`${c.ruleId} (${severity})${inPackages(d)}`, 300) },
    fullDescription: { text: cleanText(descriptionOf(d) || c.ruleId, 1500) },
    help: {
      text: cleanText(
        `Affected packages: ${packages.join(', ') || 'unknown'}${advisory ? `\nAdvisory: ${advisory}` : ''}`,
        2500,
      ),
      markdown: [
        `**${markdownLink(c.ruleId, d.uri, 200)}** (${severity}${d.cvss === undefined ? '' : `, CVSS ${d.cvss}`})`,
        '',
        ...packages.map((p) => `- ${escapeMarkdown(p, 200)}`),
      ].join('\n'),
    },
    defaultConfiguration: { level: LEVEL[d.level] },
    properties: {
      'security-severity': securitySeverity(d),
      tags: ['security', 'vulnerability', 'container', severity.toLowerCase()],
      precision: 'very-high',
    },
  };
  if (advisory) rule.helpUri = advisory;
  return rule;
}

export function findingResultOf(
  image: ImageReport,
  c: Candidate,
  ruleIndex: number,
  where: SarifLocation,
): Result {
  const d = c.detection;
  const pkg = c.packageIndex === null ? undefined : d.packages?.[c.packageIndex];
  const severity = severityOfRule(d.rule) as Severity;
  const fixed = pkg?.fixedInVersion ? ` (fixed in ${pkg.fixedInVersion})` : '';
  const cvss = d.cvss === undefined ? '' : `, CVSS ${d.cvss}`;
  const exploit = d.exploitAvailable === 'YES' ? ', known exploit' : '';
  const mark = d.compare ? ` (${d.compare} against the compare-to reference)` : '';
  const text = `${c.ruleId} in ${pkg ? `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}` : 'an unknown package'}${fixed}: ${severity}${cvss}${exploit}, image ${imageLabel(image)}${mark}.`;
  const identity = [
    image.registryId,
    image.region,
    image.repository,
    image.platform ?? '',
    c.ruleId,
    pkg?.name ?? '',
  ];
  const result: Result = {
    ruleId: c.ruleId,
    ruleIndex,
    level: LEVEL[d.level],
    message: { text: sarifMessage(text, 1000) },
    locations: [where],
    partialFingerprints: {
      [FINGERPRINT_KEY]: createHash('sha256').update(JSON.stringify(identity)).digest('hex'),
    },
    properties: {
      severity: severity.toLowerCase(),
      level: d.level,
      riskScore: d.riskScore,
      ...(d.cvss === undefined ? {} : { cvss: d.cvss }),
      ...(d.fixAvailable === undefined ? {} : { fixAvailable: d.fixAvailable }),
      ...(d.exploitAvailable === undefined ? {} : { exploitAvailable: d.exploitAvailable }),
      ...(pkg
        ? {
            package: cleanLine(pkg.name, 300),
            ...(pkg.version ? { installedVersion: cleanLine(pkg.version, 200) } : {}),
            ...(pkg.fixedInVersion ? { fixedInVersion: cleanLine(pkg.fixedInVersion, 200) } : {}),
          }
        : {}),
      ...(d.principal ? { principal: cleanLine(d.principal, 500) } : {}),
      ...(d.compare ? { compare: d.compare } : {}),
    },
  };
  if (d.ignored) {
    result.suppressions = [
      { kind: 'external', justification: cleanText(d.ignoreReason ?? 'ignored by policy', 1000) },
    ];
  }
  return result;
}
