// Real response bodies served verbatim (the "raw response" hook of the real-data suite): a body
// printed by the CLI, a console or a fixture is answered as the wire would carry it, through the
// emulator's own `respond` fault. Only the timestamps are converted (ECR sends epoch seconds; see
// ../shared/data/realworld/SOURCES.md, "Using these as API data"); every other member, stray keys
// and nulls included, goes out as published.
import type { FaultSpec } from './scenario.js';
import { withEpochTimestamps } from './time.js';

export interface RawResponseOptions {
  /** Answer only this many calls with the raw body; later calls get the scenario's own answer. */
  count?: number;
  /** Members merged over the body's top level (ids that the source redacted, e.g. `"repo"`). */
  replace?: Record<string, unknown>;
}

export function rawResponse(
  operation: string,
  body: Record<string, unknown>,
  options: RawResponseOptions = {},
): FaultSpec {
  return {
    kind: 'respond',
    service: operation === 'LookupEvents' ? 'cloudtrail' : 'ecr',
    operation,
    ...(options.count === undefined ? {} : { count: options.count }),
    body: withEpochTimestamps({ ...body, ...options.replace }),
  };
}
