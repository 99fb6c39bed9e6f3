import { UserError, inputError } from '../errors.js';
import { describeFailure, shown } from './checks.js';

/** Where a bad value came from: an input (optionally one line of it) or an environment variable. */
export interface Origin {
  input: string;
  line?: number;
  env?: boolean;
}

function label(origin: Origin): string {
  if (origin.env === true) return `Environment variable ${origin.input}`;
  const line = origin.line === undefined ? '' : `, line ${origin.line}`;
  return `Input '${origin.input}'${line}`;
}

/**
 * The one error shape for a bad input: it names the input, the value and what is accepted.
 * Plain cases go through `inputError` so every input error reads the same.
 */
export function invalidInput(
  origin: Origin,
  value: string,
  failure: { problem?: string; expected: string },
): UserError {
  if (failure.problem === undefined && origin.line === undefined && origin.env !== true) {
    return inputError(origin.input, value, failure.expected);
  }
  return new UserError(`${label(origin)}: ${shown(value)} ${describeFailure(failure)}`);
}

/** An error about an input as a whole (missing, or in conflict with another input). */
export function inputProblem(input: string, message: string): UserError {
  return new UserError(`Input '${input}': ${message}`);
}

/**
 * Collects every input error of one run so the user fixes them in one go; `finish` throws them
 * as a single UserError.
 */
export class Problems {
  private readonly messages: string[] = [];

  /** Runs `fn`; a UserError it throws is recorded and `fallback` returned in its place. */
  attempt<T>(fn: () => T, fallback: T): T {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      this.messages.push(error.message);
      return fallback;
    }
  }

  add(error: UserError): void {
    this.messages.push(error.message);
  }

  get count(): number {
    return this.messages.length;
  }

  finish(): void {
    const [first] = this.messages;
    if (first === undefined) return;
    if (this.messages.length === 1) throw new UserError(first);
    const list = this.messages.map((m) => `  - ${m.replace(/\n/g, '\n    ')}`).join('\n');
    throw new UserError(`${this.messages.length} problems with the inputs:\n${list}`);
  }
}
