// The runner's step commands: log lines, annotations, outputs, masking, the step's failure and the
// job summary, through @actions/core's own modules (its escaping, its file formats, its summary
// writer). Not through its index: that imports the toolkit's OIDC client, which loads undici,
// 942 kB minified, ~40-55 ms of the thread on every run (`import('undici')` alone: 55 ms here),
// for an OIDC token the gate never asks for. Only core.ts's one-line wrappers are repeated below,
// as @actions/core 3.0.1 writes them (node_modules/@actions/core/lib/core.js); the modules are
// imported by path because the package exports its index alone.
import { EOL } from 'node:os';
import { issueCommand } from '../../node_modules/@actions/core/lib/command.js';
import {
  issueFileCommand,
  prepareKeyValueMessage,
} from '../../node_modules/@actions/core/lib/file-command.js';
import { summary } from '../../node_modules/@actions/core/lib/summary.js';
import { toCommandProperties, toCommandValue } from '../../node_modules/@actions/core/lib/utils.js';
import type { AnnotationProperties } from '../../node_modules/@actions/core/lib/core.js';

export type { AnnotationProperties };

/** What the action tells the runner, as @actions/core's functions of the same names do. */
export interface StepCommands {
  info(message: string): void;
  notice(message: string, properties?: AnnotationProperties): void;
  warning(message: string, properties?: AnnotationProperties): void;
  error(message: string, properties?: AnnotationProperties): void;
  setOutput(name: string, value: unknown): void;
  setSecret(secret: string): void;
  /** Marks the step failed (exit code 1) with an error annotation. */
  setFailed(message: string): void;
  summary: typeof summary;
}

const annotation =
  (command: 'notice' | 'warning' | 'error') =>
  (message: string, properties: AnnotationProperties = {}): void =>
    issueCommand(command, toCommandProperties(properties), message);

export const stepCommands: StepCommands = {
  info: (message) => {
    process.stdout.write(message + EOL);
  },
  notice: annotation('notice'),
  warning: annotation('warning'),
  error: annotation('error'),
  setOutput: (name, value) => {
    if (process.env['GITHUB_OUTPUT']) {
      issueFileCommand('OUTPUT', prepareKeyValueMessage(name, value));
      return;
    }
    process.stdout.write(EOL);
    issueCommand('set-output', { name }, toCommandValue(value));
  },
  setSecret: (secret) => issueCommand('add-mask', {}, secret),
  setFailed: (message) => {
    process.exitCode = 1;
    issueCommand('error', toCommandProperties({}), message);
  },
  summary,
};
