// What the emulator offers its users (tests, the demo, the bench): the running server and the
// request log it keeps.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from './params.js';
import type { FaultKind, FaultSpec, Scenario, ServiceName } from './scenario.js';

export interface RecordedRequest {
  service: ServiceName | 'unknown';
  operation: string;
  /** The parsed request body. */
  params: Params;
  /** Arrival, epoch ms on the emulator's clock. */
  time: number;
  /** HTTP status answered; 0 while pending or when the connection was dropped (reset, hang). */
  status: number;
  errorType?: string;
  fault?: FaultKind;
  requestId: string;
  /** The access key id the call was signed with: tells apart processes sharing one emulator. */
  accessKeyId?: string;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Epoch ms; drives scan timelines, visibility delays and throttling. Default Date.now. */
  clock?: () => number;
  /** Used for latency (global and faults). Hangs always use real timers, bounded by hangMs. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called first for requests that are not AWS calls (no X-Amz-Target); return true when it
   * answered. Lets another emulator share this server.
   */
  fallback?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`, for AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL_CLOUDTRAIL. */
  readonly url: string;
  readonly port: number;
  /** Every AWS call since start or the last reset, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Origin of the scenario's relative times (epoch ms). */
  readonly startedAtMs: number;
  /** Restarts the scenario's clock, fault counters, quotas and the request log; optionally replaces the scenario. */
  reset(scenario?: Scenario): void;
  /** Replaces the faults without restarting anything else. */
  setFaults(faults: FaultSpec[]): void;
  /** Recorded calls, optionally of one operation. */
  count(operation?: string): number;
  /** Endpoint variables for a child process using the AWS SDK. */
  env(): Record<string, string>;
  close(): Promise<void>;
}
