import { compileEvents, type CompiledEvent } from './compile-events.js';
import { resolveDelays } from './delays.js';
import { DOCKER_MANIFEST, OCI_INDEX, defaultManifest, indexManifest } from './manifests.js';
import { ScenarioError } from './load.js';
import type {
  FaultSpec,
  ImageSpec,
  ResourceNameMatch,
  Scenario,
  ScanStep,
  ScanType,
  SeverityCountsMode,
} from './scenario.js';
import { epochSeconds, withEpochTimestamps } from './time.js';

export { DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, OCI_INDEX, OCI_MANIFEST } from './manifests.js';

const MAX_HANG_MS = 600_000;
const DEFAULT_HANG_MS = 30_000;
const DEFAULT_AFTER_START: ScanStep[] = [{ status: 'PENDING', forMs: 500 }, { status: 'COMPLETE' }];

export interface CompiledScan {
  type: ScanType;
  timeline: ScanStep[];
  afterStart: ScanStep[];
  findingsKey: 'findings' | 'enhancedFindings';
  /** Each finding serialised once. */
  findings: string[];
  severities: string[];
  wholeCounts: Record<string, number>;
  countsMode: SeverityCountsMode;
  findingsAfterMs: number;
  completedAt?: number;
  vulnerabilitySourceUpdatedAt?: number;
}

export interface CompiledImage {
  /** Identifies the image across repositories (StartImageScan state). */
  key: string;
  registryId: string;
  repository: string;
  digest: string;
  tags: string[];
  pushedAt: number;
  manifest: string;
  manifestMediaType: string;
  artifactMediaType?: string;
  sizeInBytes: number;
  scan: CompiledScan;
}

export interface CompiledRepository {
  registryId: string;
  name: string;
  scanType: ScanType;
  images: CompiledImage[];
  byDigest: Map<string, CompiledImage>;
  byTag: Map<string, CompiledImage>;
}

export interface CompiledScenario {
  accountId: string;
  region: string;
  startedAtMs: number;
  repositories: Map<string, CompiledRepository>;
  /** Newest first. */
  events: CompiledEvent[];
  resourceNameMatch: ResourceNameMatch;
  lookupsPerSecond: number;
  faults: FaultSpec[];
  latencyMs: number;
  hangMs: number;
}

export const repositoryKey = (registryId: string, name: string): string => `${registryId}/${name}`;

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

function compileScan(
  spec: ImageSpec,
  type: ScanType,
  path: string,
  shiftSec: number,
): CompiledScan {
  const scan = spec.scan;
  if (scan?.findings && type !== 'BASIC') {
    throw new ScenarioError(`${path}.scan.findings: basic findings need a BASIC repository.`);
  }
  if (scan?.enhancedFindings && type !== 'ENHANCED') {
    throw new ScenarioError(
      `${path}.scan.enhancedFindings: enhanced findings need an ENHANCED repository.`,
    );
  }
  for (const [field, steps] of [
    ['timeline', scan?.timeline],
    ['afterStart', scan?.afterStart],
  ] as const) {
    if (steps !== undefined && steps.length === 0) {
      throw new ScenarioError(`${path}.scan.${field}: needs at least one step.`);
    }
  }
  const raw: { severity: string }[] =
    type === 'BASIC' ? (scan?.findings ?? []) : (scan?.enhancedFindings ?? []);
  const findings = raw.map((f) => JSON.stringify(type === 'BASIC' ? f : withEpochTimestamps(f)));
  const severities = raw.map((f) => f.severity);
  const at = (t: string | number | undefined) =>
    t === undefined ? undefined : (epochSeconds(t) ?? 0) + shiftSec;
  const completedAt = at(scan?.completedAt);
  const vulnerabilitySourceUpdatedAt = at(scan?.vulnerabilitySourceUpdatedAt);
  return {
    type,
    timeline: scan ? (scan.timeline ?? [{ status: 'COMPLETE' }]) : [{ status: 'NOT_FOUND' }],
    afterStart: scan?.afterStart ?? DEFAULT_AFTER_START,
    findingsKey: type === 'BASIC' ? 'findings' : 'enhancedFindings',
    findings,
    severities,
    wholeCounts: countBy(severities),
    countsMode: scan?.severityCounts ?? (type === 'BASIC' ? 'whole' : 'per-page'),
    findingsAfterMs: scan?.findingsAfterMs ?? 0,
    ...(completedAt === undefined ? {} : { completedAt }),
    ...(vulnerabilitySourceUpdatedAt === undefined ? {} : { vulnerabilitySourceUpdatedAt }),
  };
}

function compileRepositories(scenario: Scenario): Map<string, CompiledRepository> {
  const repositories = new Map<string, CompiledRepository>();
  scenario.repositories.forEach((spec, i) => {
    const registryId = spec.registryId ?? scenario.accountId;
    const key = repositoryKey(registryId, spec.name);
    if (repositories.has(key)) {
      throw new ScenarioError(
        `repositories[${i}]: repository ${spec.name} in registry ${registryId} is listed twice.`,
      );
    }
    repositories.set(key, {
      registryId,
      name: spec.name,
      scanType: spec.scanType ?? 'BASIC',
      images: [],
      byDigest: new Map(),
      byTag: new Map(),
    });
  });
  return repositories;
}

function repositoryOf(
  scenario: Scenario,
  repositories: Map<string, CompiledRepository>,
  spec: ImageSpec,
  path: string,
): CompiledRepository {
  const registryId =
    spec.registryId ??
    scenario.repositories.find((r) => r.name === spec.repository)?.registryId ??
    scenario.accountId;
  const repository = repositories.get(repositoryKey(registryId, spec.repository));
  if (!repository) {
    throw new ScenarioError(
      `${path}.repository: ${JSON.stringify(spec.repository)} is not in repositories (registry ${registryId}).`,
    );
  }
  return repository;
}

function compileImage(
  spec: ImageSpec,
  repository: CompiledRepository,
  path: string,
  ctx: { shiftSec: number; startedSec: number },
): CompiledImage {
  const isIndex = spec.index !== undefined;
  const manifestMediaType = spec.manifestMediaType ?? (isIndex ? OCI_INDEX : DOCKER_MANIFEST);
  let manifest = spec.manifest;
  if (manifest === undefined) {
    manifest = isIndex
      ? indexManifest(manifestMediaType, spec.index ?? [], repository.byDigest)
      : defaultManifest(spec.digest, manifestMediaType);
  }
  const pushed = spec.pushedAt === undefined ? undefined : epochSeconds(spec.pushedAt);
  return {
    key: `${repository.registryId}/${repository.name}@${spec.digest}`,
    registryId: repository.registryId,
    repository: repository.name,
    digest: spec.digest,
    tags: spec.tags ?? [],
    pushedAt: pushed === undefined ? ctx.startedSec : pushed + ctx.shiftSec,
    manifest,
    manifestMediaType,
    ...(spec.artifactMediaType === undefined ? {} : { artifactMediaType: spec.artifactMediaType }),
    sizeInBytes: spec.sizeInBytes ?? (isIndex ? Buffer.byteLength(manifest) : 3_372_175),
    scan: compileScan(spec, repository.scanType, path, ctx.shiftSec),
  };
}

function addImage(repository: CompiledRepository, image: CompiledImage, path: string): void {
  if (repository.byDigest.has(image.digest)) {
    throw new ScenarioError(
      `${path}.digest: ${image.digest} is listed twice in ${image.repository}.`,
    );
  }
  for (const tag of image.tags) {
    if (repository.byTag.has(tag)) {
      throw new ScenarioError(
        `${path}.tags: tag ${JSON.stringify(tag)} already points at another image of ${image.repository}.`,
      );
    }
    repository.byTag.set(tag, image);
  }
  repository.byDigest.set(image.digest, image);
  repository.images.push(image);
}

function checkIndex(spec: ImageSpec, repository: CompiledRepository, path: string): void {
  const listed = new Set((spec.index ?? []).map((e) => e.digest));
  (spec.index ?? []).forEach((entry, j) => {
    if (!repository.byDigest.has(entry.digest)) {
      throw new ScenarioError(
        `${path}.index[${j}].digest: ${entry.digest} is not an image of ${repository.name}.`,
      );
    }
    if (entry.attestationFor !== undefined && !listed.has(entry.attestationFor)) {
      throw new ScenarioError(
        `${path}.index[${j}].attestationFor: ${entry.attestationFor} is not listed by this index.`,
      );
    }
  });
}

/**
 * Turns a scenario into indexed, pre-serialised data, checking that it is consistent.
 * `startedAtMs` anchors every relative time.
 */
export function compileScenario(given: Scenario, startedAtMs: number): CompiledScenario {
  const scenario = resolveDelays(given);
  const startedSec = startedAtMs / 1000;
  const base = scenario.timeBase === undefined ? undefined : epochSeconds(scenario.timeBase);
  // Whole seconds, so a record's second-precision eventTime and its EventTime agree.
  const shiftSec = base === undefined ? 0 : Math.floor(startedSec) - base;
  const repositories = compileRepositories(scenario);
  const ctx = { shiftSec, startedSec };

  // Index images are compiled after the manifests they list so their sizes are known.
  const order = scenario.images
    .map((spec, i) => ({ spec, path: `images[${i}]` }))
    .sort((a, b) => Number(a.spec.index !== undefined) - Number(b.spec.index !== undefined));
  for (const { spec, path } of order) {
    const repository = repositoryOf(scenario, repositories, spec, path);
    if (spec.index) checkIndex(spec, repository, path);
    addImage(repository, compileImage(spec, repository, path, ctx), path);
  }

  const hangMs = scenario.hangMs ?? DEFAULT_HANG_MS;
  if (hangMs > MAX_HANG_MS) {
    throw new ScenarioError(`hangMs: ${hangMs} is not valid. Expected at most ${MAX_HANG_MS}.`);
  }
  const resourceNameMatch = scenario.cloudTrail?.resourceNameMatch ?? 'both';
  (scenario.faults ?? []).forEach((fault, i) => {
    if (fault.kind === 'error' && fault.errorType === undefined) {
      throw new ScenarioError(`faults[${i}].errorType is missing: an 'error' fault needs one.`);
    }
    if (fault.kind === 'respond' && fault.body === undefined) {
      throw new ScenarioError(`faults[${i}].body is missing: a 'respond' fault needs one.`);
    }
    if (fault.kind === 'patch' && fault.patch === undefined) {
      throw new ScenarioError(`faults[${i}].patch is missing: a 'patch' fault needs one.`);
    }
  });
  return {
    accountId: scenario.accountId,
    region: scenario.region,
    startedAtMs,
    repositories,
    events: compileEvents(scenario.cloudTrail?.events ?? [], {
      shiftSec,
      resourceNameMatch,
      accountId: scenario.accountId,
      region: scenario.region,
    }),
    resourceNameMatch,
    lookupsPerSecond: scenario.cloudTrail?.lookupsPerSecond ?? 2,
    faults: scenario.faults ?? [],
    latencyMs: scenario.latencyMs ?? 0,
    hangMs,
  };
}
