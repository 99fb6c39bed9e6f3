// Microsoft's SARIF Multitool with its GitHub ingestion rules (`--rule-kind Gh`: what code
// scanning requires of an uploaded file, GH1001...GH2012) reports nothing on our SARIF. The npm
// package (@microsoft/sarif-multitool) installs a self-contained Linux build in
// @microsoft/sarif-multitool-linux; it runs offline. Measured by hand on 20,000 findings
// (37 MB): no GH result, 58 s on this machine; the test runs the seed and a 2,000-finding slice.
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { Log } from 'sarif';
import { renderSarif } from '../../src/report/sarif.js';
import { bigReport, hostileReport, multiImageReport, splunkReport } from './fixtures.js';

const require = createRequire(import.meta.url);

function multitool(): string {
  const dir = dirname(require.resolve('@microsoft/sarif-multitool-linux/package.json'));
  const binary = join(dir, 'Sarif.Multitool');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // Its postinstall only sets the execute bit, and npm 11 skips unapproved install scripts.
    chmodSync(binary, 0o755);
  }
  return binary;
}

/** The GitHub-rule results the Multitool reports for `text`, as `ruleId: message` lines. */
function ghFindings(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'erg-multitool-'));
  const input = join(dir, 'in.sarif');
  const output = join(dir, 'out.sarif');
  writeFileSync(input, text);
  execFileSync(
    multitool(),
    ['validate', '--rule-kind', 'Gh', '--max-file-size-in-kb', '100000', '--output', output, input],
    {
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
      stdio: 'pipe',
      timeout: 120_000,
    },
  );
  const log = JSON.parse(readFileSync(output, 'utf8')) as Log;
  return log.runs.flatMap((r) =>
    (r.results ?? []).map((x) => `${x.ruleId}: ${x.message.text ?? x.message.id ?? ''}`),
  );
}

describe.each(process.platform === 'linux' ? ['linux'] : [])('SARIF Multitool (%s)', () => {
  test('the check is real: a log without locations and fingerprints breaks GitHub rules', () => {
    const log = JSON.parse(renderSarif(splunkReport()).text) as Log;
    for (const run of log.runs)
      for (const result of run.results ?? []) {
        delete result.locations;
        delete result.partialFingerprints;
      }
    expect(ghFindings(JSON.stringify(log)).length).toBeGreaterThan(0);
  }, 120_000);

  test('GitHub rules report nothing on the seed scan, several images, hostile text and a Dockerfile anchor', () => {
    expect(ghFindings(renderSarif(splunkReport()).text)).toEqual([]);
    expect(ghFindings(renderSarif(multiImageReport()).text)).toEqual([]);
    expect(ghFindings(renderSarif(hostileReport()).text)).toEqual([]);
    const anchored = renderSarif(splunkReport(), {
      dockerfile: { path: 'docker/Dockerfile', fromLine: 3 },
    });
    expect(ghFindings(anchored.text)).toEqual([]);
  }, 240_000);

  test('GitHub rules report nothing on a 2,000-finding slice of the 20,000-finding case', () => {
    expect(ghFindings(renderSarif(bigReport(2000, 200, 1)).text)).toEqual([]);
  }, 240_000);
});
