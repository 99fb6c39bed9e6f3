// Path corpus (issue 19 §1): repository content and inputs that point the gate's reads and
// writes somewhere they must not go. Data only; path-bundle.test.ts runs each through the bundle
// and docs/reliability.md lists them.

export interface PathCase {
  id: string;
  /** What is planted in the workspace or given as input. */
  setup: string;
  /** What the step must do (SPEC: fail closed with every surface). */
  expect: string;
}

export const PATH_CASES: PathCase[] = [
  {
    id: 'policy-symlink-out',
    setup: 'default policy file is a symlink to a secret file outside the workspace',
    expect: "Input 'policy-file' error naming the path; the secret reaches no surface",
  },
  {
    id: 'policy-fifo',
    setup: 'default policy file is a FIFO with no writer',
    expect: 'refused at once as not a regular file (no hang)',
  },
  {
    id: 'policy-yaml-secret',
    setup: 'policy file in the workspace with a YAML error on a line holding a token',
    expect: 'log lists the problem; job summary and JSON report name the line only',
  },
  {
    id: 'dockerfile-dev-zero',
    setup: 'dockerfile input is a symlink to /dev/zero',
    expect: 'read refused at once, verdict and every surface produced, warning names the input',
  },
  {
    id: 'report-file-github-env',
    setup: 'report-file is the runner GITHUB_ENV file',
    expect: 'refused naming report-file; GITHUB_ENV untouched; verdict, outputs, summary written',
  },
  {
    id: 'report-file-dev-stdout',
    setup: 'report-file is /dev/stdout',
    expect: 'refused naming report-file; verdict, outputs, summary written',
  },
  {
    id: 'report-file-planted-symlink',
    setup: 'report-file is a symlink planted in the workspace to a file outside it',
    expect: 'the link is replaced by a fresh file; the outside file is unchanged',
  },
  {
    id: 'report-file-directory',
    setup: 'report-file is an existing directory',
    expect: 'one error naming report-file, enforce fails the step; verdict and outputs produced',
  },
  {
    id: 'sarif-equals-report',
    setup: 'sarif-file is the same path as report-file',
    expect: 'sarif-file refused naming the input; the JSON report is intact',
  },
];
