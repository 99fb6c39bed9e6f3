/**
 * Already-serialised JSON placed as-is inside a response, so large lists (findings, events) are
 * stringified once when the scenario is compiled rather than on every page served.
 */
export class RawJson {
  constructor(readonly json: string) {}
}

/** Arrays of pre-serialised items, joined without parsing them again. */
export function rawArray(items: readonly string[]): RawJson {
  return new RawJson(`[${items.join(',')}]`);
}

/** JSON.stringify that splices {@link RawJson} values in and drops undefined members. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.json;
  if (Array.isArray(value)) return `[${value.map((v) => toJson(v ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${toJson(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
