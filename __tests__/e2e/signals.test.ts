// Issue 14 acceptance, through the bundle against the emulator: an exploitable MEDIUM fires
// `exploitable`; a VEX not_affected statement and a .trivyignore.yaml entry each suppress exactly
// their finding and show in the report with their source. Expected verdicts from README (rules
// table: exploitable fails by default) and the issue, written before running.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startEmulator, type Emulator, type EnhancedFinding } from '../../emulator/index.js';
import type { Detection } from '../../src/model.js';
import { ACCOUNT, HOST, REGION, oneImage, scanOnly } from './scenarios.js';
import { runAction } from './run-action.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accountId: ACCOUNT,
    region: REGION,
    repositories: [],
    images: [],
  });
});
afterAll(() => emulator.close());

const finding = (
  id: string,
  severity: EnhancedFinding['severity'],
  pkg: string,
  over: Partial<EnhancedFinding> = {},
): EnhancedFinding => ({
  title: `${id} - ${pkg}`,
  description: `${id} in ${pkg}`,
  severity,
  status: 'ACTIVE',
  type: 'PACKAGE_VULNERABILITY',
  fixAvailable: 'YES',
  exploitAvailable: 'NO',
  packageVulnerabilityDetails: {
    vulnerabilityId: id,
    source: 'DEBIAN_CVE',
    sourceUrl: `https://security-tracker.debian.org/tracker/${id}`,
    vulnerablePackages: [{ name: pkg, version: '1.0', release: '1', packageManager: 'OS' }],
  },
  ...over,
});

describe('signals and ignores through the bundle', () => {
  let workspace: string;
  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'erg-signals-'));
  });
  afterEach(() => rmSync(workspace, { recursive: true, force: true }));

  test('an exploitable MEDIUM fires exploitable and fails the gate', async () => {
    emulator.reset(
      oneImage(
        {
          timeline: [{ status: 'ACTIVE' }],
          enhancedFindings: [
            finding('CVE-2024-0001', 'MEDIUM', 'curl', {
              exploitAvailable: 'YES',
              fixAvailable: 'NO',
            }),
          ],
        },
        { scanType: 'ENHANCED' },
      ),
    );
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(`${HOST}/app:v1`, { 'scan-settle-seconds': '0' }),
      env: { GITHUB_WORKSPACE: workspace },
    });
    const detections = run.report().detections as Detection[];
    const exploit = detections.filter((d) => d.rule === 'exploitable');
    expect(exploit.map((d) => [d.findingId, d.level, d.riskScore, d.ignored])).toEqual([
      ['CVE-2024-0001', 'fail', 63, false],
    ]);
    expect(run.outputs.result).toBe('fail');
    expect(run.outputs.medium).toBe('1');
    expect(run.code).toBe(1);
    expect(run.summary).toContain('Known exploit for CVE-2024-0001 found in repository app');
  });

  test('a VEX not_affected statement and a trivy ignore each suppress exactly their finding', async () => {
    emulator.reset(
      oneImage(
        {
          timeline: [{ status: 'ACTIVE' }],
          enhancedFindings: [
            finding('CVE-2024-1001', 'HIGH', 'openssl'),
            finding('CVE-2024-1002', 'HIGH', 'zlib'),
            finding('CVE-2024-1003', 'MEDIUM', 'curl'),
          ],
        },
        { scanType: 'ENHANCED' },
      ),
    );
    writeFileSync(
      join(workspace, 'app.vex.json'),
      JSON.stringify({
        '@context': 'https://openvex.dev/ns/v0.2.0',
        '@id': 'https://example.test/vex/app',
        author: 'team',
        timestamp: '2026-11-01T00:00:00Z',
        version: 1,
        statements: [
          {
            vulnerability: { name: 'CVE-2024-1001' },
            products: [{ '@id': `pkg:oci/app?repository_url=${HOST}/app` }],
            status: 'not_affected',
            justification: 'vulnerable_code_not_in_execute_path',
          },
          {
            vulnerability: { name: 'CVE-2024-1003' },
            products: [{ '@id': 'pkg:oci/app' }],
            status: 'under_investigation',
          },
        ],
      }),
    );
    writeFileSync(
      join(workspace, '.trivyignore.yaml'),
      [
        'vulnerabilities:',
        '  - id: CVE-2024-1002',
        '    statement: zlib is not used at run time',
        '',
      ].join('\n'),
    );
    const run = await runAction({
      endpoint: emulator.url,
      inputs: scanOnly(`${HOST}/app:v1`, {
        'scan-settle-seconds': '0',
        vex: 'app.vex.json',
        trivyignore: '.trivyignore.yaml',
      }),
      env: { GITHUB_WORKSPACE: workspace },
    });
    const report = run.report();
    expect(report.ignored).toEqual([
      expect.objectContaining({
        findingId: 'CVE-2024-1001',
        by: 'vex',
        source: 'app.vex.json#statements[0]',
        reason: 'VEX not_affected (vulnerable_code_not_in_execute_path)',
      }),
      expect.objectContaining({
        findingId: 'CVE-2024-1002',
        by: 'trivyignore',
        source: '.trivyignore.yaml:2',
        reason: 'zlib is not used at run time',
      }),
    ]);
    // Both HIGHs ignored; the under_investigation MEDIUM still counts and warns.
    expect(run.outputs.high).toBe('0');
    expect(run.outputs.medium).toBe('1');
    expect(run.outputs.result).toBe('warn');
    expect(run.summary).toContain('vex: app.vex.json#statements');
    expect(run.summary).toContain('trivyignore: .trivyignore.yaml:2');
  });
});
