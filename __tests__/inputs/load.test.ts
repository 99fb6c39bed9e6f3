import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { actionInput, loadPolicy, loadSettings, readActionInputs } from '../../src/inputs/load.js';
import { INPUT_NAMES } from '../../src/inputs/settings.js';

const POLICY = 'ignore:\n  - id: CVE-2021-3326\n    reason: not reachable\nrisk-threshold: 90\n';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecr-risk-gate-load-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (relative: string, text: string): string => {
  const path = join(dir, relative);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};
const env = () => ({ AWS_REGION: 'us-east-1', GITHUB_WORKSPACE: dir });

describe('loadSettings / loadPolicy', () => {
  test('a missing default policy file is fine', async () => {
    const settings = await loadSettings({ image: 'app:1' }, env());
    expect(settings.policyFile).toBeNull();
    expect(settings.ignores).toEqual([]);
  });

  test('the default file is read from GITHUB_WORKSPACE', async () => {
    write('.github/ecr-risk-gate.yml', POLICY);
    const settings = await loadSettings(
      { image: 'app:1', 'policy-file': '.github/ecr-risk-gate.yml' },
      env(),
    );
    expect(settings.policyFile).toBe('.github/ecr-risk-gate.yml');
    expect(settings.riskThreshold).toBe(90);
    expect(settings.ignores[0]).toMatchObject({
      id: 'CVE-2021-3326',
      source: '.github/ecr-risk-gate.yml:2',
    });
  });

  test('without GITHUB_WORKSPACE the working directory is the base', async () => {
    write('.github/ecr-risk-gate.yml', POLICY);
    const policy = await loadPolicy({}, {}, dir);
    expect(policy?.riskThreshold).toBe(90);
  });

  test('a named file relative to the workspace, and an absolute path', async () => {
    const absolute = write('security/gate.yaml', POLICY);
    expect((await loadPolicy({ 'policy-file': 'security/gate.yaml' }, env()))?.file).toBe(
      'security/gate.yaml',
    );
    expect((await loadPolicy({ 'policy-file': absolute }, {}, '/nonexistent'))?.riskThreshold).toBe(
      90,
    );
  });

  test('a missing named file is an error naming the input and where it looked', async () => {
    const attempt = loadSettings({ image: 'app:1', 'policy-file': 'security/gate.yml' }, env());
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(
      loadSettings({ image: 'app:1', 'policy-file': 'security/gate.yml' }, env()),
    ).rejects.toThrow(
      `Input 'policy-file': "security/gate.yml" does not exist (looked for ${join(dir, 'security/gate.yml')})`,
    );
  });

  test('a directory is an error', async () => {
    mkdirSync(join(dir, 'policies'));
    await expect(loadPolicy({ 'policy-file': 'policies' }, env())).rejects.toThrow(
      /Input 'policy-file': "policies" is a directory/,
    );
  });

  test('problems in the file name the file and the line', async () => {
    write('.github/ecr-risk-gate.yml', 'ignore:\n  - id: CVE-1\n');
    await expect(loadSettings({ image: 'app:1' }, env())).rejects.toThrow(
      '.github/ecr-risk-gate.yml:2: ignore[0]: reason is required',
    );
  });

  test('input errors still surface after the policy is read', async () => {
    await expect(loadSettings({ image: 'app:1', mode: 'block' }, env())).rejects.toThrow(
      `Input 'mode': "block" is not valid. Expected enforce or audit.`,
    );
  });
});

describe('readActionInputs', () => {
  test('asks for every input by its action.yml name', () => {
    const asked: string[] = [];
    const raw = readActionInputs((name) => {
      asked.push(name);
      return name === 'image' ? 'app:1' : '';
    });
    expect(asked).toEqual([...INPUT_NAMES]);
    expect(raw.image).toBe('app:1');
    expect(raw['scan-timeout']).toBe('');
  });
});

describe('actionInput', () => {
  test('reads every input exactly as core.getInput does', async () => {
    const core = await import('@actions/core');
    const names = [...INPUT_NAMES, 'with space', 'MiXeD-case'];
    const values = ['  padded value \n', '', 'plain', '\tmulti\nline\t'];
    const saved = { ...process.env };
    try {
      names.forEach((name, i) => {
        const variable = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
        if (i % 5 === 4) delete process.env[variable];
        else process.env[variable] = values[i % values.length];
      });
      for (const name of names) {
        expect([name, actionInput(name, process.env)]).toEqual([name, core.getInput(name)]);
      }
      expect(actionInput('image', { INPUT_IMAGE: ' app:1 ' })).toBe('app:1');
      expect(actionInput('image', {})).toBe('');
    } finally {
      process.env = saved;
    }
  });
});
