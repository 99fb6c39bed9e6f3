import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Log, Result, Run } from 'sarif';
import type { Finding } from '../../src/model.js';
import { FINGERPRINT_KEY, renderSarif, sarifLeftOut } from '../../src/report/sarif.js';
import { renderSummary } from '../../src/report/summary.js';
import { ruleName } from '../../src/report/sarif-entries.js';
import { RULE_IDS, type Severity } from '../../src/model.js';
import { severityOfRule, isFindingRule } from '../../src/report/format.js';
import {
  bigReport,
  buildTestReport,
  hostileReport,
  multiImageReport,
  noise,
  splunkReport,
  syntheticFindings,
} from './fixtures.js';
import { expectCleanCharacters, expectInertMarkdown } from './inert.js';
import { sharedPath } from '../shared-data.js';

// The OASIS SARIF 2.1.0 schema (Errata 01, draft-04), read in place from ../shared/data/schemas
// (oasis-tcs/sarif-spec sarif-2.1/schema/sarif-schema-2.1.0.json; see its SOURCES.md).
// Draft-04 names the schema's own URI `id`, which Ajv 8 refuses: renamed in memory, the file is
// read as published.
const { id: schemaId, ...schemaBody } = JSON.parse(
  readFileSync(sharedPath('schemas/sarif-schema-2.1.0.json'), 'utf8'),
) as { id: string; $schema: string };
const schema = { ...schemaBody, $id: schemaId, $schema: undefined };
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
// draft-04: Ajv 8 has no draft-04 meta-schema, so the schema itself is not validated (SOURCES.md).
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(JSON.stringify(schema)) as object);

function expectValid(log: Log): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const run0 = (log: Log): Run => log.runs[0] as Run;
const fingerprints = (log: Log) =>
  log.runs.flatMap((r) =>
    (r.results ?? []).map((x) => `${x.ruleId}|${x.partialFingerprints?.[FINGERPRINT_KEY]}`),
  );

describe('SARIF', () => {
  const splunk = renderSarif(splunkReport());

  test('validates against the official SARIF 2.1.0 schema', () => {
    expectValid(splunk.log);
    expectValid(renderSarif(multiImageReport()).log);
    expectValid(
      renderSarif(splunkReport(), { dockerfile: { path: 'docker/Dockerfile', fromLine: 4 } }).log,
    );
  });

  test('the schema check is real: a broken log fails it', () => {
    const broken = JSON.parse(splunk.text) as {
      runs: Array<{ results: Array<{ level: string }> }>;
    };
    (broken.runs[0]?.results[0] as { level: string }).level = 'critical';
    expect(validate(broken)).toBe(false);
    const noDriver = JSON.parse(splunk.text) as { runs: Array<{ tool: object }> };
    (noDriver.runs[0] as { tool: object }).tool = {};
    expect(validate(noDriver)).toBe(false);
  });

  test('one run per image with a stable category; tool ecr-risk-gate with one rule per CVE', () => {
    const run = run0(splunk.log);
    expect(run.automationDetails?.id).toBe(
      'ecr-risk-gate/111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client/',
    );
    expect(run.tool.driver.name).toBe('ecr-risk-gate');
    const ruleIds = (run.tool.driver.rules ?? []).map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(ruleIds).toHaveLength(105); // 104 CVEs + unknown-uploader
    expect(ruleIds[0]).toBe('unknown-uploader');
    const multi = renderSarif(multiImageReport()).log;
    expect(multi.runs.map((r) => r.automationDetails?.id)).toEqual([
      'ecr-risk-gate/111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client/',
      'ecr-risk-gate/111111111112.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_server/linux/amd64/',
      'ecr-risk-gate/111111111112.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_server/linux/arm64/',
      'ecr-risk-gate/111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/legacy-worker/',
    ]);
  });

  test('rules carry help, the advisory as helpUri and security-severity from the gate severity', () => {
    const rules = run0(splunk.log).tool.driver.rules ?? [];
    const high = rules.find((r) => r.id === 'CVE-2021-33574');
    expect(high?.helpUri).toBe('https://security-tracker.debian.org/tracker/CVE-2021-33574');
    // HIGH with CVSS 7.5: GitHub's high band, whatever the CVSS.
    expect(high?.properties?.['security-severity']).toBe('8.0');
    // The description once per rule: in fullDescription, not again in help (issue 13 §1).
    expect(high?.fullDescription?.text).toContain('mq_notify');
    expect(high?.help?.text).not.toContain('mq_notify');
    expect(high?.help?.markdown).not.toContain('mq_notify');
    expect(high?.help?.text).toContain('Affected packages: ');
    const text = JSON.stringify(splunk.log);
    expect(text.split('mq_notify').length - 1).toBe(1);
    expect(high?.help?.markdown).toContain(
      '[CVE-2021-33574](https://security-tracker.debian.org/tracker/CVE-2021-33574)',
    );
    const untriaged = rules.find((r) => r.id === 'CVE-2021-22924');
    expect(untriaged?.properties?.['security-severity']).toBe('0.0');
    const noCvss = renderSarif(
      buildTestReport([
        {
          findings: syntheticFindings(6, 20).map((f) => ({ ...f, cvss: undefined as never })),
          uploaderStatus: 'known',
        },
      ]),
    );
    const bySeverity = Object.fromEntries(
      (run0(noCvss.log).tool.driver.rules ?? []).map((r) => [
        r.properties?.tags?.at(-1),
        r.properties?.['security-severity'],
      ]),
    );
    expect(bySeverity).toEqual({
      critical: '9.5',
      high: '8.0',
      medium: '5.5',
      low: '2.0',
      informational: '0.0',
      undefined: '0.0',
    });
    expect(rules.find((r) => r.id === 'unknown-uploader')?.properties?.['security-severity']).toBe(
      '8.0',
    );
  });

  test('one result per CVE and package; uploader detections are results too', () => {
    const results = run0(splunk.log).results ?? [];
    expect(results).toHaveLength(105);
    const uploader = results.find((r) => r.ruleId === 'unknown-uploader');
    expect(uploader?.level).toBe('error');
    expect(uploader?.message.text).toContain('arn:aws:iam::111111111111:user/test');
    const twoPackages = buildTestReport([
      {
        findings: [
          {
            ...(syntheticFindings(1, 10)[0] as Finding),
            packages: [
              { name: 'openssl', version: '1' },
              { name: 'libssl3', version: '1' },
            ],
          },
        ],
        uploaderStatus: 'known',
      },
    ]);
    const split = run0(renderSarif(twoPackages).log).results ?? [];
    expect(split.map((r) => r.properties?.['package'])).toEqual(['openssl', 'libssl3']);
    expect(new Set(split.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY])).size).toBe(2);
  });

  test('levels follow the detection level; ignored findings are suppressed with the reason', () => {
    const report = splunkReport({
      ignore: [{ id: 'CVE-2021-33574', reason: 'not reachable', expires: '2027-01-31' }],
    });
    const results = run0(renderSarif(report).log).results ?? [];
    const byRule = (id: string) => results.find((r) => r.ruleId === id) as Result;
    expect(byRule('CVE-2019-25013').level).toBe('error');
    expect(byRule('CVE-2018-12886').level).toBe('warning');
    expect(byRule('CVE-2013-0337').level).toBe('note');
    // Code scanning shows error, warning and note only: an `off` detection is a note.
    expect(results.find((r) => r.properties?.['severity'] === 'informational')?.level).toBe('note');
    expect(new Set(results.map((r) => r.level))).toEqual(new Set(['error', 'warning', 'note']));
    expect(byRule('CVE-2021-33574').suppressions).toEqual([
      { kind: 'external', justification: 'not reachable' },
    ]);
    expect(results.at(-1)?.ruleId).toBe('CVE-2021-33574');
  });

  test('fingerprints are identical for the same finding across runs with different tags and digests', () => {
    const a = renderSarif(splunkReport({ tags: ['build-101'] })).log;
    const b = renderSarif(
      splunkReport({ tags: ['build-102', 'latest'], digest: `sha256:${'9'.repeat(64)}` }),
    ).log;
    expect(fingerprints(a)).toEqual(fingerprints(b));
    expect(new Set(fingerprints(a)).size).toBe(105);
    const otherRepo = renderSarif(splunkReport({ repository: 'devsecops/other' })).log;
    expect(fingerprints(otherRepo).filter((f) => fingerprints(a).includes(f))).toEqual([]);
  });

  test('locations: the Dockerfile FROM line when given, else a stable synthetic path', () => {
    const anchored = renderSarif(splunkReport(), {
      dockerfile: { path: './docker/Dockerfile', fromLine: 9 },
    }).log;
    expect(run0(anchored).results?.[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'docker/Dockerfile' },
      region: { startLine: 9 },
    });
    expect(run0(splunk.log).results?.[0]?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: {
        uri: 'ecr/111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client/Dockerfile',
      },
      region: { startLine: 1 },
    });
  });

  test('over 25,000 results in a run: the lowest severities are dropped and the run says so', () => {
    const report = buildTestReport([
      { findings: syntheticFindings(25_600, 10), uploaderStatus: 'known' },
    ]);
    const { log, omittedResults } = renderSarif(report);
    const run = run0(log);
    expect(run.results).toHaveLength(25_000);
    expect(omittedResults).toBe(600);
    expect(run.properties?.['omitted']).toMatchObject({
      results: 600,
      bySeverity: { undefined: 600 },
    });
    const note = run.invocations?.[0]?.toolExecutionNotifications?.[0];
    expect(note?.message.text).toContain('600 results left out');
    expect(run.results?.some((r) => r.properties?.['severity'] === 'undefined')).toBe(true);
    // (Not schema-validated here: `uniqueItems` makes that quadratic in 25,000 rules.)
  });

  test('over the gzip budget: keeps the most severe, measures with gzip, says what it dropped', () => {
    const report = bigReport(3000, 3000, 1, noise);
    const limit = 1_000_000;
    const { log, text, omittedResults } = renderSarif(report, { maxGzipBytes: limit });
    expect(gzipSync(text).length).toBeLessThanOrEqual(limit);
    expect(omittedResults).toBeGreaterThan(0);
    const results = run0(log).results ?? [];
    expect(results[0]?.ruleId).toBe('unknown-uploader');
    const kept = results
      .filter((r) => r.ruleId?.startsWith('CVE-'))
      .map((r) => r.properties?.['severity']);
    const order = ['critical', 'high', 'medium', 'low', 'informational', 'undefined'];
    const ranks = kept.map((s) => order.indexOf(String(s)));
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    expect(kept[0]).toBe('critical');
    expect(JSON.stringify(run0(log).properties?.['omitted'])).toContain(
      `"results":${omittedResults}`,
    );
    expect(gunzipSync(gzipSync(text)).toString()).toBe(text);
  });

  test('more than 20 images: the worst 20 become runs and the first run says how many were left out', () => {
    const images = Array.from({ length: 22 }, (_, i) => ({
      repository: `team/r${i}`,
      findings: syntheticFindings(2, 10),
      uploaderStatus: i < 2 ? ('known' as const) : ('unknown' as const),
    }));
    const { log, omittedRuns } = renderSarif(buildTestReport(images));
    expect(log.runs).toHaveLength(20);
    expect(omittedRuns).toBe(2);
    expect(run0(log).invocations?.[0]?.toolExecutionNotifications?.[0]?.message.text).toContain(
      '2 images left out',
    );
    expectValid(log);
  });

  test('hostile text stays plain in text fields and inert in Markdown help', () => {
    const { log, text } = renderSarif(hostileReport());
    expectValid(log);
    expect(text.length).toBeLessThan(2_000_000);
    const run = run0(log);
    const allowed = new Set(
      (run.tool.driver.rules ?? []).flatMap((r) => (r.helpUri ? [r.helpUri] : [])),
    );
    for (const rule of run.tool.driver.rules ?? []) {
      expectCleanCharacters(`${rule.id}${rule.fullDescription?.text}${rule.help?.text}`);
      if (rule.help?.markdown) expectInertMarkdown(rule.help.markdown, allowed);
      if (rule.helpUri) expect(rule.helpUri).toMatch(/^https:\/\/evil\.example\//);
    }
    for (const result of run.results ?? []) expectCleanCharacters(result.message.text ?? '');
  });
});

/** GitHub's bands for `security-severity` (docs.github.com, "SARIF support for code scanning"). */
function band(score: string | undefined): string {
  const n = Number(score);
  if (n >= 9) return 'critical';
  if (n >= 7) return 'high';
  if (n >= 4) return 'medium';
  if (n >= 0.1) return 'low';
  return 'none';
}
const GATE_BAND: Readonly<Record<Severity, string>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  INFORMATIONAL: 'none',
  UNDEFINED: 'none',
};

const finding = (id: string, severity: Severity, cvss: number, packages: string[]): Finding => ({
  id,
  name: id,
  description: `${id} description`,
  severity,
  scannerSeverity: severity,
  cvss: { score: cvss },
  packages: packages.map((name) => ({ name, version: '1.0-1' })),
  source: 'enhanced',
});

describe('SARIF as code scanning reads it (issue 12 section 1)', () => {
  const bandsOf = (log: Log) => {
    const run = run0(log);
    const rules = run.tool.driver.rules ?? [];
    return (run.results ?? []).map((r) => ({
      band: band(rules[r.ruleIndex ?? -1]?.properties?.['security-severity'] as string),
      gate: r.properties?.['severity'] as string,
    }));
  };

  test('security-severity bands equal the gate severities on the seed scan', () => {
    const report = splunkReport();
    const log = renderSarif(report).log;
    const shown = bandsOf(log).filter((b) => b.gate !== 'high' || true);
    // Per CVE: the band GitHub shows is the gate's own severity.
    const rules = run0(log).tool.driver.rules ?? [];
    for (const d of report.detections.filter((x) => isFindingRule(x.rule))) {
      const rule = rules.find((r) => r.id === d.findingId);
      expect([d.findingId, band(rule?.properties?.['security-severity'] as string)]).toEqual([
        d.findingId,
        GATE_BAND[severityOfRule(d.rule) as Severity],
      ]);
    }
    // The counts GitHub would show equal the gate's (SPEC: 0 critical and 2 high on the seed).
    const distinct = (b: string) =>
      new Set(
        (run0(log).results ?? [])
          .filter(
            (r) =>
              band(rules[r.ruleIndex ?? -1]?.properties?.['security-severity'] as string) === b &&
              r.ruleId?.startsWith('CVE-'),
          )
          .map((r) => r.ruleId),
      ).size;
    expect(distinct('critical')).toBe(0);
    expect(distinct('high')).toBe(2);
    expect(shown.length).toBeGreaterThan(0);
  });

  test('enhanced: CRITICAL with CVSS 5.0 is critical, INFORMATIONAL with CVSS 10 is not', () => {
    const report = buildTestReport([
      {
        findings: [
          finding('CVE-2024-0001', 'CRITICAL', 5.0, ['openssl']),
          finding('CVE-2024-0002', 'INFORMATIONAL', 10, ['zlib']),
          finding('CVE-2024-0003', 'LOW', 9.8, ['curl']),
        ],
        uploaderStatus: 'known',
      },
    ]);
    const run = run0(renderSarif(report).log);
    const byId = Object.fromEntries(
      (run.tool.driver.rules ?? []).map((r) => [
        r.id,
        band(r.properties?.['security-severity'] as string),
      ]),
    );
    expect(byId).toEqual({
      'CVE-2024-0001': 'critical',
      'CVE-2024-0002': 'none',
      'CVE-2024-0003': 'low',
    });
    // CVSS stays in the result properties.
    expect(run.results?.find((r) => r.ruleId === 'CVE-2024-0001')?.properties?.['cvss']).toBe(5);
  });

  test('primaryLocationLineHash: identical across tags, digests and Dockerfile lines; one per package', () => {
    expect(FINGERPRINT_KEY).toBe('primaryLocationLineHash');
    const a = renderSarif(splunkReport({ tags: ['build-101'] }), {
      dockerfile: { path: 'Dockerfile', fromLine: 1 },
    }).log;
    const b = renderSarif(
      splunkReport({ tags: ['build-102'], digest: `sha256:${'8'.repeat(64)}` }),
      { dockerfile: { path: 'Dockerfile', fromLine: 7 } },
    ).log;
    const c = renderSarif(splunkReport({ tags: ['build-103'] })).log;
    expect(fingerprints(a)).toEqual(fingerprints(b));
    expect(fingerprints(a)).toEqual(fingerprints(c));
    expect(fingerprints(a).every((f) => /\|[0-9a-f]{64}$/.test(f))).toBe(true);
    // A base-image bump: the same CVE in the same package at another version is the same alert.
    const v1 = buildTestReport([{ findings: [finding('CVE-2024-1', 'HIGH', 7, ['openssl'])] }]);
    const v2 = buildTestReport([
      {
        findings: [
          {
            ...finding('CVE-2024-1', 'HIGH', 7, ['openssl']),
            packages: [{ name: 'openssl', version: '3.0.99' }],
          },
        ],
      },
    ]);
    expect(fingerprints(renderSarif(v1).log)).toEqual(fingerprints(renderSarif(v2).log));
  });

  test('one CVE in two packages: two results kept apart, the rule title names both', () => {
    const report = buildTestReport([
      {
        findings: [finding('CVE-2024-7', 'HIGH', 7.5, ['openssl', 'libssl3'])],
        uploaderStatus: 'known',
      },
    ]);
    const run = run0(renderSarif(report).log);
    const results = (run.results ?? []).filter((r) => r.ruleId === 'CVE-2024-7');
    expect(results).toHaveLength(2);
    expect(new Set(results.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY])).size).toBe(2);
    const title = run.tool.driver.rules?.find((r) => r.id === 'CVE-2024-7')?.shortDescription?.text;
    expect(title).toContain('openssl');
    expect(title).toContain('libssl3');
  });

  test('message.text holds no embedded link from scanner text and no live mention', () => {
    const report = buildTestReport([
      {
        findings: [finding('CVE-2024-9', 'HIGH', 7.5, ['pkg[x](javascript:alert(1))', '@octocat'])],
        uploaderStatus: 'known',
      },
    ]);
    const texts = (run0(renderSarif(report).log).results ?? []).map((r) => r.message.text);
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      // SARIF 2.1.0 3.11.6: an embedded link is `[text](target)` with unescaped brackets.
      expect(text).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    }
    expect(texts[0]).toContain('pkg\\[x\\](javascript:alert(1))');
    expect(texts[1]).not.toMatch(/@octocat/);
  });

  test('rule names read as words, help has no $placeholders$, informationUri is set', () => {
    expect(ruleName('cross-account-uploader')).toBe('CrossAccountUploader');
    expect(ruleName('unknown-uploader')).toBe('UnknownUploader');
    const run = run0(splunkLog().log);
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    const uploader = run.tool.driver.rules?.find((r) => r.id === 'unknown-uploader');
    expect(uploader?.name).toBe('UnknownUploader');
    expect(JSON.stringify(run.tool.driver.rules)).not.toMatch(/\$[a-z_]+\$/);
    expect(
      RULE_IDS.filter((id) => !isFindingRule(id))
        .map(ruleName)
        .every((n) => /^[A-Z][A-Za-z0-9]+$/.test(n)),
    ).toBe(true);
  });
});

const splunkLog = () => renderSarif(splunkReport());

test('sarif-category puts a prefix before every run category (two jobs, same images)', () => {
  const ids = (prefix?: string) =>
    renderSarif(multiImageReport(), prefix ? { categoryPrefix: prefix } : {}).log.runs.map(
      (r) => r.automationDetails?.id,
    );
  const plain = ids();
  expect(ids('arm64/')).toEqual(plain.map((id) => `arm64/${id}`));
  expect(new Set([...plain, ...ids('arm64')]).size).toBe(plain.length * 2);
});

test('what the limits left out is one sentence for the log and the summary', () => {
  expect(sarifLeftOut({ omittedResults: 0, omittedRuns: 0 })).toBeNull();
  const text = sarifLeftOut({ omittedResults: 11_650, omittedRuns: 2 }) ?? '';
  expect(text).toContain('2 images (GitHub takes at most 20 runs per file)');
  expect(text).toContain('11,650 results');
  const summary = renderSummary(splunkReport(), { stepNotes: [text] });
  expect(summary).toContain('11,650 results');
});
