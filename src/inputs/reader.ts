import { INPUT_DEFAULTS } from './defaults.js';
import type { Check } from './checks.js';
import { type Problems, invalidInput } from './invalid.js';
import type { InputName, RawInputs } from './settings.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** Reads inputs: a missing or blank value means the input's documented default. */
export class InputReader {
  constructor(
    private readonly raw: RawInputs,
    readonly problems: Problems,
  ) {}

  given(name: InputName): string {
    return (this.raw[name] ?? '').trim();
  }

  text(name: InputName): string {
    const value = this.given(name);
    return value === '' ? INPUT_DEFAULTS[name] : value;
  }

  checked<T>(name: InputName, check: (text: string) => Check<T>, fallback: T): T {
    const text = this.text(name);
    const result = check(text);
    if (result.ok) return result.value;
    this.problems.add(invalidInput({ input: name }, text, result));
    return fallback;
  }

  /** null for an empty input with an empty default. */
  optional<T>(name: InputName, check: (text: string) => Check<T>): T | null {
    return this.text(name) === '' ? null : this.checked<T | null>(name, check, null);
  }
}
