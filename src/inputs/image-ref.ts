import type { ImageTarget } from '../model.js';
import { regionPartition } from '../aws/partitions.js';
import { bad, ok, type Check } from './checks.js';
import { invalidInput, type Origin } from './invalid.js';

export const IMAGE_FORMS =
  'ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG (or @sha256:DIGEST), REPO:TAG, REPO@sha256:DIGEST or REPO:TAG@sha256:DIGEST';
const IMAGE_EXPECTED = `an Amazon ECR image: ${IMAGE_FORMS}`;
const HOST_EXPECTED =
  'an Amazon ECR registry host: ACCOUNT.dkr.ecr.REGION.amazonaws.com (also .amazonaws.com.cn, dkr.ecr-fips, dkr-ecr.REGION.on.aws)';
export const TAG_EXPECTED =
  'an image tag: letters, digits, _ . - (at most 128, not starting with . or -), e.g. v1.2.3';
export const DIGEST_EXPECTED = 'a digest sha256: followed by 64 lowercase hex digits';
export const REPOSITORY_EXPECTED =
  'an ECR repository name (2-256 characters: lowercase letters, digits, . _ - and / between path parts), e.g. team/app';
export const REGISTRY_ID_EXPECTED = 'a 12-digit AWS account id, e.g. 123456789012';

export interface RegistryHost {
  host: string;
  registryId: string;
  region: string;
  fips: boolean;
  dualStack: boolean;
}

// Registry host suffixes: the partitions' dnsSuffix values in the SDK's partition data. Which
// suffix a region belongs under is the SDK's answer (regionPartition), so a region written into
// the wrong partition's host (cn-north-1 under .amazonaws.com) is caught here, not as an opaque
// AWS error later.
const SUFFIXES: ReadonlySet<string> = new Set([
  'amazonaws.com',
  'amazonaws.com.cn',
  'c2s.ic.gov',
  'sc2s.sgov.gov',
  'csp.hci.ic.gov',
  'cloud.adc-e.uk',
  'amazonaws.eu',
]);
const IPV4_HOST = /^([^.]+)\.dkr\.ecr(-fips)?\.([^.]+)\.(.+)$/;
const DUAL_STACK_HOST = /^([^.]+)\.dkr-ecr(-fips)?\.([^.]+)\.on\.aws$/;
// A reference without "/" that mentions these was meant as a registry host (repository forgotten).
const ECR_HOST_HINT = /\.dkr[.-]ecr|amazonaws\.|\.on\.aws/;
// A host that was meant to be ECR but is malformed, as opposed to another registry.
const ECR_LIKE_HOST = /(^|\.)dkr[.-]ecr|\.ecr[.-]|amazonaws\.|\.on\.aws$/;
const WELL_KNOWN_REGISTRY =
  /(^|\.)(docker\.io|ghcr\.io|quay\.io|gcr\.io|pkg\.dev|azurecr\.io|gitlab\.com|mcr\.microsoft\.com)$|:\d+$|^localhost$/;
const PUBLIC_HOSTS = new Set(['public.ecr.aws', 'ecr-public.aws.com']);

/** Reads registry id and region out of an ECR registry host (what amazon-ecr-login outputs). */
export function parseRegistryHost(text: string): Check<RegistryHost> {
  const host = text.toLowerCase();
  if (PUBLIC_HOSTS.has(host)) {
    return bad(
      HOST_EXPECTED,
      `${host} is Amazon ECR Public, which does not scan images; gate the private repository you push to`,
    );
  }
  const dual = DUAL_STACK_HOST.exec(host);
  const ipv4 = dual ? null : IPV4_HOST.exec(host);
  const match = dual ?? ipv4;
  const suffix = ipv4 && SUFFIXES.has(ipv4[4] ?? '') ? ipv4[4] : undefined;
  if (!match || (ipv4 && !suffix)) {
    if (ECR_LIKE_HOST.test(host))
      return bad(HOST_EXPECTED, `${text} is not a valid Amazon ECR registry host`);
    // docker reads a first path part with a dot as a host, so an ECR repository named
    // `team.a/app` needs its registry written out; say so unless the host is a known registry.
    const hint = WELL_KNOWN_REGISTRY.test(host)
      ? ''
      : ` (an ECR repository whose first part contains a dot, like ${text}/..., needs the full ACCOUNT.dkr.ecr.REGION.amazonaws.com/ prefix or the repository input)`;
    return bad(
      HOST_EXPECTED,
      `${text} is not an Amazon ECR registry; ecr-risk-gate gates images in Amazon ECR only${hint}`,
    );
  }
  const [, account = '', fips, region = ''] = match;
  if (!/^\d{12}$/.test(account)) {
    return bad(HOST_EXPECTED, `the account id in the host, "${account}", is not 12 digits`);
  }
  const partition = regionPartition(region);
  if (!partition) return bad(HOST_EXPECTED, `"${region}" in the host is not an AWS region`);
  if (suffix && partition.dnsSuffix !== suffix) {
    return bad(
      HOST_EXPECTED,
      `region ${region} does not belong under .${suffix} (it is in partition ${partition.name}, hosts .${partition.dnsSuffix})`,
    );
  }
  return ok({
    host,
    registryId: account,
    region,
    fips: fips !== undefined,
    dualStack: dual !== null,
  });
}

const REPOSITORY = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function checkRepository(name: string): Check<string> {
  if (name === '') return bad(REPOSITORY_EXPECTED, 'the repository name is empty');
  if (REPOSITORY.test(name.toLowerCase()) && name !== name.toLowerCase()) {
    return bad(REPOSITORY_EXPECTED, 'ECR repository names are lowercase');
  }
  if (name.length < 2 || name.length > 256) {
    return bad(REPOSITORY_EXPECTED, `the repository name is ${name.length} characters long`);
  }
  if (!REPOSITORY.test(name)) return bad(REPOSITORY_EXPECTED, `"${name}" is not a repository name`);
  return ok(name);
}

export function checkTag(tag: string): Check<string> {
  if (tag === '') {
    return bad(TAG_EXPECTED, 'the tag is empty (did a workflow expression expand to nothing?)');
  }
  if (!TAG.test(tag)) return bad(TAG_EXPECTED, `"${tag}" is not a valid tag`);
  return ok(tag);
}

export function checkDigest(digest: string): Check<string> {
  if (digest === '') {
    return bad(
      DIGEST_EXPECTED,
      'the digest is empty (did a workflow expression expand to nothing?)',
    );
  }
  if (DIGEST.test(digest)) return ok(digest);
  if (/^[a-fA-F0-9]{64}$/.test(digest)) return bad(DIGEST_EXPECTED, 'add the sha256: prefix');
  if (DIGEST.test(digest.toLowerCase())) return bad(DIGEST_EXPECTED, 'hex digits are lowercase');
  if (/^[a-z0-9]+:/.test(digest) && !digest.startsWith('sha256:')) {
    return bad(DIGEST_EXPECTED, 'ECR image digests are sha256');
  }
  return bad(DIGEST_EXPECTED, `"${digest}" is not a sha256 digest`);
}

export function checkRegistryId(id: string): Check<string> {
  return /^\d{12}$/.test(id) ? ok(id) : bad(REGISTRY_ID_EXPECTED);
}

/** Problems common to every text input that reaches us unexpanded from a workflow file. */
export function unexpandedProblem(text: string): string | undefined {
  if (text.includes('${{')) return 'it contains an unexpanded ${{ }} expression';
  if (text.includes('$')) {
    return 'it contains "$": action inputs are not expanded by a shell; write ${{ env.NAME }} or ${{ steps.ID.outputs.NAME }}';
  }
  return undefined;
}

/** A registry host is the first path part when it looks like one, as docker decides it. */
function splitHost(reference: string): { host?: string; path: string } {
  const slash = reference.indexOf('/');
  if (slash < 0) return { path: reference };
  const first = reference.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') {
    return { host: first, path: reference.slice(slash + 1) };
  }
  return { path: reference };
}

/**
 * The registry host of `line` when it names a registry other than private Amazon ECR that
 * docker/metadata-action lists next to ECR (Docker Hub, GHCR, ECR Public, ...), else undefined.
 * Only recognised registries count: an unknown first part with a dot may be an ECR repository
 * named `team.a/app`, which must stay an error, never be skipped silently.
 */
export function otherRegistryHost(line: string): string | undefined {
  const raw = line.trim();
  const at = raw.indexOf('@');
  const { host } = splitHost(at < 0 ? raw : raw.slice(0, at));
  if (host === undefined) return undefined;
  const lower = host.toLowerCase();
  if (ECR_LIKE_HOST.test(lower) && !PUBLIC_HOSTS.has(lower)) return undefined;
  return WELL_KNOWN_REGISTRY.test(lower) || PUBLIC_HOSTS.has(lower) ? lower : undefined;
}

/**
 * Parses one image reference (one line of `image`). A reference must name a tag or a digest:
 * docker's implicit `latest` is refused because a gate that silently checks an older `latest`
 * instead of what was just pushed would pass the wrong image.
 */
export function parseImageReference(
  line: string,
  defaults: { registryId?: string; region?: string },
  origin: Origin = { input: 'image' },
): ImageTarget {
  const raw = line.trim();
  const fail = (problem: string, expected = IMAGE_EXPECTED): never => {
    throw invalidInput(origin, raw, { problem, expected });
  };
  const check = <T>(result: Check<T>): T => {
    if (!result.ok) throw invalidInput(origin, raw, result);
    return result.value;
  };

  if (raw === '') fail('it is empty');
  const unexpanded = unexpandedProblem(raw);
  if (unexpanded !== undefined) fail(unexpanded);
  if (/\s/.test(raw)) fail('it contains spaces; give one image per line');
  if (raw.includes('://')) fail('remove the scheme (https://, docker://): a reference has none');
  if (raw.startsWith('/')) {
    fail('it starts with "/": the registry part is empty (check the amazon-ecr-login step id)');
  }

  const at = raw.indexOf('@');
  const reference = at < 0 ? raw : raw.slice(0, at);
  const digest = at < 0 ? undefined : raw.slice(at + 1);
  const { host, path } = splitHost(reference);

  let registry: RegistryHost | undefined;
  if (host !== undefined) registry = check(parseRegistryHost(host));
  else if (ECR_HOST_HINT.test(path)) {
    fail('it names a registry but no repository; add /REPOSITORY:TAG');
  }

  const colon = path.lastIndexOf(':');
  const repository = colon < 0 ? path : path.slice(0, colon);
  const tag = colon < 0 ? undefined : path.slice(colon + 1);
  if (repository.includes(':')) fail('it has more than one ":"');
  if (repository === '' && host !== undefined) fail('it names a registry but no repository');
  check(checkRepository(repository));
  if (tag !== undefined) check(checkTag(tag));
  if (digest !== undefined) check(checkDigest(digest));
  if (tag === undefined && digest === undefined) {
    fail(
      'it names no tag and no digest; write the tag you pushed (REPO:TAG), a digest (REPO@sha256:...), or REPO:latest to gate latest on purpose',
    );
  }

  const registryId = registry?.registryId ?? defaults.registryId;
  const region = registry?.region ?? defaults.region;
  return {
    raw,
    repository,
    ...(registryId === undefined ? {} : { registryId }),
    ...(region === undefined ? {} : { region }),
    ...(registry?.fips === true ? { fips: true } : {}),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

export interface ImageParts {
  repository: string;
  tag: string;
  digest: string;
}

/**
 * Builds the one image of the `repository` / `image-tag` / `image-digest` inputs. `repository`
 * may carry the registry host, as in `${{ steps.login.outputs.registry }}/my-repo`.
 */
export function imageFromParts(
  parts: ImageParts,
  defaults: { registryId?: string; region?: string },
): ImageTarget {
  const value = <T>(input: string, text: string, result: Check<T>): T => {
    if (!result.ok) throw invalidInput({ input }, text, result);
    return result.value;
  };
  const repoText = parts.repository.trim();
  const tagText = parts.tag.trim();
  const digestText = parts.digest.trim();

  const fields: Array<[string, string, string]> = [
    ['repository', repoText, REPOSITORY_EXPECTED],
    ['image-tag', tagText, TAG_EXPECTED],
    ['image-digest', digestText, DIGEST_EXPECTED],
  ];
  for (const [input, text, expected] of fields) {
    const problem = unexpandedProblem(text);
    if (problem !== undefined) throw invalidInput({ input }, text, { problem, expected });
  }

  // Only a registry host is split off here: `repository` names an ECR repository, and ECR allows a
  // first path part with a dot (`team.a/app`), which docker's rule would take for a host.
  const split = splitHost(repoText);
  const isRegistry =
    split.host !== undefined &&
    (ECR_LIKE_HOST.test(split.host.toLowerCase()) ||
      WELL_KNOWN_REGISTRY.test(split.host.toLowerCase()) ||
      PUBLIC_HOSTS.has(split.host.toLowerCase()));
  const { host, path } = isRegistry ? split : { host: undefined, path: repoText };
  const registry =
    host === undefined ? undefined : value('repository', repoText, parseRegistryHost(host));
  if (/[:@]/.test(path)) {
    throw invalidInput({ input: 'repository' }, repoText, {
      problem: 'give the tag in image-tag and the digest in image-digest, not in repository',
      expected: REPOSITORY_EXPECTED,
    });
  }
  const repository = value('repository', repoText, checkRepository(path));
  const tag = tagText === '' ? undefined : value('image-tag', tagText, checkTag(tagText));
  const digest =
    digestText === '' ? undefined : value('image-digest', digestText, checkDigest(digestText));
  if (tag === undefined && digest === undefined) {
    throw invalidInput({ input: 'repository' }, repoText, {
      problem: 'no image-tag and no image-digest is set; the gate does not assume latest',
      expected: 'repository together with image-tag and/or image-digest',
    });
  }

  const registryId = registry?.registryId ?? defaults.registryId;
  const region = registry?.region ?? defaults.region;
  const raw = `${host === undefined ? '' : `${host}/`}${repository}${tag === undefined ? '' : `:${tag}`}${digest === undefined ? '' : `@${digest}`}`;
  return {
    raw,
    repository,
    ...(registryId === undefined ? {} : { registryId }),
    ...(region === undefined ? {} : { region }),
    ...(registry?.fips === true ? { fips: true } : {}),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}
