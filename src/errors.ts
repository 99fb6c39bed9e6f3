import { textOf } from './text-of.js';

/**
 * A problem the user can fix (a bad input, a missing permission, an unknown repository). Its
 * message is shown as-is, without a stack trace.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /**
   * What the job summary and the JSON report say instead of the message, when the message quotes
   * text that must stay in the (masked) log only, e.g. a policy file's lines.
   */
  reportMessage?: string;
  /** The AWS error name it was translated from (aws-error-text.ts), for decisions on the kind of
   * failure: the message is worded for people and may change. */
  awsName?: string;
  /** `config`: bad input or policy (CLI exit 2). `aws`: could not evaluate (CLI exit 3). */
  constructor(
    message: string,
    readonly kind: 'config' | 'aws' = 'config',
  ) {
    super(message);
  }
}

/** `input 'scan-timeout': 'abc' is not valid; expected ...`. */
export function inputError(input: string, value: string, expected: string): UserError {
  return new UserError(
    `Input '${input}': ${JSON.stringify(value)} is not valid. Expected ${expected}.`,
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error && typeof error.message === 'string') return error.message;
  return textOf(error, 4096);
}

/**
 * The `code` of a file-system error (`ENOENT`, `EACCES`...), else undefined. Duck-typed: fs errors
 * may come from another realm (test sandboxes), where instanceof fails.
 */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
