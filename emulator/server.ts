import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RateLimiter, lookupEvents } from './cloudtrail.js';
import { compileScenario, type CompiledScenario } from './compile.js';
import { handleEcr, type EcrState } from './ecr.js';
import { FaultPlan, faultError, mergePatch, withCallNumber } from './faults.js';
import { parseScenario } from './load.js';
import { parseParams, type Params } from './params.js';
import {
  AwsError,
  errorBody,
  JSON_CONTENT_TYPE,
  parseTarget,
  signingAccessKey,
  signingRegion,
  type Target,
} from './protocol.js';
import type { FaultSpec, Scenario } from './scenario.js';
import type { Emulator, EmulatorOptions, RecordedRequest } from './emulator-api.js';
import { MAX_BODY_BYTES, hang, readBody, send } from './http-io.js';

export type { Emulator, EmulatorOptions, RecordedRequest } from './emulator-api.js';

const MALFORMED_BODY = '{"imageScanStatus": {"status": "COMPLETE", "description": ';

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class EmulatorServer {
  compiled: CompiledScenario;
  readonly requests: RecordedRequest[] = [];
  private plan: FaultPlan;
  private limiter = new RateLimiter();
  private readonly manualStarts = new Map<string, number>();

  constructor(
    private scenario: Scenario,
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.compiled = compileScenario(scenario, clock());
    this.plan = new FaultPlan(this.compiled.faults);
  }

  reset(scenario?: Scenario): void {
    const next = scenario ?? this.scenario;
    // Compiled first so that a bad scenario leaves the running one untouched.
    this.compiled = compileScenario(next, this.clock());
    this.scenario = next;
    this.plan = new FaultPlan(this.compiled.faults);
    this.limiter = new RateLimiter();
    this.manualStarts.clear();
    this.requests.length = 0;
  }

  setFaults(faults: FaultSpec[]): void {
    this.compiled = { ...this.compiled, faults };
    this.plan = new FaultPlan(faults);
  }

  async handleAws(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const header = req.headers['x-amz-target'];
    const target = parseTarget(typeof header === 'string' ? header : undefined);
    const record: RecordedRequest = {
      service: target?.service ?? 'unknown',
      operation: target?.operation ?? String(header ?? ''),
      params: {},
      time: this.clock(),
      status: 0,
      requestId: randomUUID(),
    };
    const accessKeyId = signingAccessKey(req.headers.authorization);
    if (accessKeyId) record.accessKeyId = accessKeyId;
    this.requests.push(record);
    const fail = (error: AwsError) => {
      record.status = error.status;
      record.errorType = error.type;
      send(res, error.status, errorBody(error), record.requestId, error.type);
    };
    try {
      record.params = parseParams(body);
      if (!target) {
        throw new AwsError('UnknownOperationException', `Unknown X-Amz-Target ${String(header)}.`);
      }
      if (!req.headers.authorization) {
        throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      await this.serve(req, res, target, record);
    } catch (error) {
      if (error instanceof AwsError) fail(error);
      else throw error;
    }
  }

  private async serve(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    record: RecordedRequest,
  ): Promise<void> {
    const compiled = this.compiled;
    const { latencyMs, fault, call } = this.plan.decide(target.service, target.operation);
    const delay = compiled.latencyMs + latencyMs;
    if (delay > 0) await this.sleep(delay);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') {
      await hang(req, compiled.hangMs);
      return;
    }
    const injected =
      fault && faultError(fault, target.service, target.operation, compiled.accountId);
    if (injected) throw injected;

    if (fault?.kind === 'respond') {
      record.status = 200;
      send(res, 200, JSON.stringify(withCallNumber(fault.body ?? {}, call)), record.requestId);
      return;
    }
    let body = this.answer(req, target, record.params, compiled);
    if (fault?.kind === 'patch') {
      body = JSON.stringify(mergePatch(JSON.parse(body), withCallNumber(fault.patch ?? {}, call)));
    }
    record.status = 200;
    if (fault?.kind === 'malformed') {
      // `status` set: an error page that is not an AWS error (a proxy's HTML 500).
      record.status = fault.status ?? 200;
      send(res, record.status, MALFORMED_BODY, record.requestId);
    } else if (fault?.kind === 'truncated') {
      // The full length is announced and half is sent: the client sees the connection drop mid-body.
      const bytes = Buffer.from(body);
      res.writeHead(200, {
        'Content-Type': JSON_CONTENT_TYPE,
        'Content-Length': bytes.length,
        'x-amzn-RequestId': record.requestId,
      });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    } else {
      send(res, 200, body, record.requestId);
    }
  }

  private answer(
    req: IncomingMessage,
    target: Target,
    params: Params,
    compiled: CompiledScenario,
  ): string {
    const now = this.clock();
    if (target.service === 'ecr') {
      const state: EcrState = { compiled, manualStarts: this.manualStarts };
      return handleEcr(target.operation, params, state, now);
    }
    if (target.operation !== 'LookupEvents') {
      throw new AwsError(
        'UnknownOperationException',
        `The emulator does not serve CloudTrail ${target.operation}.`,
      );
    }
    const region = signingRegion(req.headers.authorization) ?? compiled.region;
    if (!this.limiter.allow(`${compiled.accountId}/${region}`, compiled.lookupsPerSecond, now)) {
      throw new AwsError('ThrottlingException', 'Rate exceeded');
    }
    return lookupEvents(params, compiled, now);
  }

  /** `/_emulator/*`: lets a test or the benchmark drive an emulator running in another process. */
  async control(req: IncomingMessage, res: ServerResponse, body: string): Promise<void> {
    const reply = (status: number, value: unknown) => {
      const text = JSON.stringify(value);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(text);
    };
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/_emulator/requests') return reply(200, this.requests);
    if (req.method === 'GET' && path === '/_emulator/health') {
      return reply(200, { ok: true, startedAtMs: this.compiled.startedAtMs });
    }
    if (req.method === 'POST' && path === '/_emulator/reset') {
      try {
        this.reset(body.trim() === '' ? undefined : parseScenario(JSON.parse(body), 'reset body'));
        return reply(200, { ok: true });
      } catch (error) {
        return reply(400, { error: error instanceof Error ? error.message : String(error) });
      }
    }
    return reply(404, { error: `No control endpoint ${req.method ?? ''} ${path ?? ''}` });
  }
}

/** Starts an emulator on 127.0.0.1 serving `scenario`; rejects on an inconsistent scenario. */
export async function startEmulator(
  scenario: Scenario,
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port: ${String(port)} is not valid. Expected an integer 0-65535.`);
  }
  const clock = options.clock ?? Date.now;
  const core = new EmulatorServer(scenario, clock, options.sleep ?? realSleep);

  const server = createServer((req, res) => {
    void (async () => {
      if (!req.headers['x-amz-target'] && options.fallback && (await options.fallback(req, res))) {
        return;
      }
      const body = await readBody(req);
      if (body === undefined) {
        res.writeHead(413, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `Request body over ${MAX_BODY_BYTES} bytes` }));
        return;
      }
      if ((req.url ?? '').startsWith('/_emulator/')) return core.control(req, res, body);
      return core.handleAws(req, res, body);
    })().catch((error: unknown) => {
      // A bug in the emulator: answered as a server fault so the client's error handling runs.
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`emulator: ${message}\n`);
      if (res.headersSent) res.destroy();
      else
        send(
          res,
          500,
          JSON.stringify({ __type: 'InternalFailure', message }),
          randomUUID(),
          'InternalFailure',
        );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${actualPort}`;

  return {
    url,
    port: actualPort,
    get requests() {
      return core.requests;
    },
    get startedAtMs() {
      return core.compiled.startedAtMs;
    },
    reset: (next?: Scenario) => core.reset(next),
    setFaults: (faults: FaultSpec[]) => core.setFaults(faults),
    count: (operation?: string) =>
      operation === undefined
        ? core.requests.length
        : core.requests.filter((r) => r.operation === operation).length,
    env: () => ({ AWS_ENDPOINT_URL_ECR: url, AWS_ENDPOINT_URL_CLOUDTRAIL: url }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive and hanging connections would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
