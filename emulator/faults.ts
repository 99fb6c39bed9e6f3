import { AwsError } from './protocol.js';
import type { FaultSpec, ServiceName } from './scenario.js';

export interface FaultDecision {
  /** Latency faults that selected this call, added up. */
  latencyMs: number;
  /** The first other fault that selected this call. */
  fault: FaultSpec | undefined;
  /** That fault's own number for this call (1-based), 0 without one. */
  call: number;
}

function selects(fault: FaultSpec, callNumber: number): boolean {
  if (fault.calls) return fault.calls.includes(callNumber);
  const from = fault.from ?? 1;
  if (callNumber < from) return false;
  return fault.count === undefined || callNumber < from + fault.count;
}

/** Decides, call by call, which faults apply. Each fault numbers the calls it matches from 1. */
export class FaultPlan {
  private readonly seen: number[];

  constructor(private readonly faults: FaultSpec[]) {
    this.seen = faults.map(() => 0);
  }

  decide(service: ServiceName, operation: string): FaultDecision {
    let latencyMs = 0;
    let chosen: FaultSpec | undefined;
    let call = 0;
    this.faults.forEach((fault, i) => {
      if (fault.service !== undefined && fault.service !== service) return;
      if (fault.operation !== undefined && fault.operation !== operation) return;
      const callNumber = (this.seen[i] ?? 0) + 1;
      this.seen[i] = callNumber;
      if (!selects(fault, callNumber)) return;
      if (fault.kind === 'latency') latencyMs += fault.latencyMs ?? 0;
      else if (!chosen) {
        chosen = fault;
        call = callNumber;
      }
    });
    return { latencyMs, fault: chosen, call };
  }
}

/** The AWS error a fault answers with, for the kinds that are plain error responses. */
export function faultError(
  fault: FaultSpec,
  service: ServiceName,
  operation: string,
  accountId: string,
): AwsError | undefined {
  const action = `${service}:${operation}`;
  const base = ((): { type: string; status: number; message: string } | undefined => {
    switch (fault.kind) {
      case 'throttle':
        return { type: 'ThrottlingException', status: 400, message: 'Rate exceeded' };
      case 'http500':
        return service === 'ecr'
          ? { type: 'ServerException', status: 500, message: 'Internal server error' }
          : { type: 'InternalFailure', status: 500, message: 'An internal error occurred.' };
      case 'http503':
        return { type: 'ServiceUnavailable', status: 503, message: 'Service Unavailable' };
      case 'accessDenied':
        return {
          type: 'AccessDeniedException',
          status: 400,
          message: `User: arn:aws:iam::${accountId}:user/test is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
        };
      case 'expiredToken':
        return {
          type: 'ExpiredTokenException',
          status: 400,
          message: 'The security token included in the request is expired',
        };
      case 'error':
        return { type: 'ValidationException', status: 400, message: 'Injected fault' };
      default:
        return undefined;
    }
  })();
  if (!base) return undefined;
  return new AwsError(
    fault.errorType ?? base.type,
    fault.message ?? base.message,
    fault.status ?? base.status,
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{call}` in every string of `value` replaced by the call number. */
export function withCallNumber(value: unknown, call: number): unknown {
  if (typeof value === 'string') return value.replaceAll('{call}', String(call));
  if (Array.isArray(value)) return value.map((item) => withCallNumber(item, call));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, withCallNumber(item, call)]),
    );
  }
  return value;
}

/** JSON Merge Patch (RFC 7396). */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
