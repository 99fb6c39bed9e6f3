import { AwsError } from './protocol.js';

/** A parsed request body. */
export type Params = Record<string, unknown>;

export function parseParams(body: string): Params {
  if (body.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new AwsError(
      'SerializationException',
      'Start of structure or map found where not expected.',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  }
  return value as Params;
}

export function optionalString(
  params: Params,
  name: string,
  errorType: string,
): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new AwsError(errorType, `Invalid parameter ${name}: expected a string.`);
  }
  return value;
}

export function requiredString(params: Params, name: string, errorType: string): string {
  const value = optionalString(params, name, errorType);
  if (value === undefined || value === '') {
    throw new AwsError(
      errorType,
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** An optional integer within [min, max]; outside it answers `errorType` the way AWS words it. */
export function optionalInt(
  params: Params,
  name: string,
  min: number,
  max: number,
  errorType: string,
): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AwsError(
      errorType,
      `1 validation error detected: Value '${String(value)}' at '${name}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
  return value;
}

export interface ImageId {
  imageDigest?: string;
  imageTag?: string;
}

export function imageIdOf(value: unknown, name: string, errorType: string): ImageId {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsError(errorType, `Invalid parameter ${name}: expected an object.`);
  }
  const { imageDigest, imageTag } = value as Record<string, unknown>;
  const id: ImageId = {};
  if (typeof imageDigest === 'string') id.imageDigest = imageDigest;
  if (typeof imageTag === 'string') id.imageTag = imageTag;
  return id;
}

/** ECR's way of printing an image id in messages: `{imageDigest:'null', imageTag:'latest'}`. */
export function showImageId(id: ImageId): string {
  return `{imageDigest:'${id.imageDigest ?? 'null'}', imageTag:'${id.imageTag ?? 'null'}'}`;
}
