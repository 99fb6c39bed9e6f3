// The fields of DescribeImages and BatchGetImage answers the gate relies on, checked for their
// types before anything reads them. The SDK does not: its schema deserializer
// (@smithy/core protocols, JsonShapeDeserializer._read) returns a member of the wrong JSON type
// as it arrived, so `imageDigest` can be an object and `imageTags` a number. Unchecked, such an
// answer crashed the run (`[...5]`) or turned into a digest like "[object Object]". A malformed
// answer is refused as a whole: the gate fails closed on it (aws-error-text.ts).
import type { BatchGetImageCommandOutput, DescribeImagesCommandOutput } from '@aws-sdk/client-ecr';
import { textOf } from '../text-of.js';

export const MALFORMED_ANSWER = 'MalformedAnswerError';

/** What a malformed answer carried, by field path: `imageDetails[0].imageTags is 5`. */
export class MalformedAnswerError extends Error {
  override readonly name = MALFORMED_ANSWER;
}

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isDate: Check = (v) => v instanceof Date && !Number.isNaN(v.getTime());
const isStringList: Check = (v) => Array.isArray(v) && v.every(isString);
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);

const EXPECTED = new Map<Check, string>([
  [isString, 'text'],
  [isDate, 'a time'],
  [isStringList, 'a list of text'],
  [isNumber, 'a number'],
]);

/** Optional fields: absent (or null, which the SDK drops) is fine; present must match. */
function checkFields(
  owner: unknown,
  path: string,
  fields: Readonly<Record<string, Check>>,
  problems: string[],
): void {
  if (typeof owner !== 'object' || owner === null || Array.isArray(owner)) {
    problems.push(`${path} is ${textOf(owner, 60)}, expected an object`);
    return;
  }
  const record = owner as Record<string, unknown>;
  for (const [field, check] of Object.entries(fields)) {
    const value = record[field];
    if (value === undefined || value === null || check(value)) continue;
    problems.push(
      `${path}.${field} is ${textOf(value, 60)}, expected ${EXPECTED.get(check) ?? '?'}`,
    );
  }
}

function checkList(
  value: unknown,
  path: string,
  each: (item: unknown, path: string, problems: string[]) => void,
  problems: string[],
): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) {
    problems.push(`${path} is ${textOf(value, 60)}, expected a list`);
    return;
  }
  value.forEach((item, i) => each(item, `${path}[${i}]`, problems));
}

function refuseIfAny(operation: string, problems: string[]): void {
  if (problems.length === 0) return;
  const more = problems.length > 3 ? ` and ${problems.length - 3} more` : '';
  throw new MalformedAnswerError(
    `${operation} answered with ${problems.slice(0, 3).join('; ')}${more}`,
  );
}

const IMAGE_DETAIL = {
  registryId: isString,
  repositoryName: isString,
  imageDigest: isString,
  imageTags: isStringList,
  imagePushedAt: isDate,
  imageManifestMediaType: isString,
  artifactMediaType: isString,
  imageSizeInBytes: isNumber,
};

export function checkDescribeImages(out: DescribeImagesCommandOutput): DescribeImagesCommandOutput {
  const problems: string[] = [];
  checkList(
    (out as Partial<DescribeImagesCommandOutput> | null | undefined)?.imageDetails,
    'imageDetails',
    (item, path, found) => checkFields(item, path, IMAGE_DETAIL, found),
    problems,
  );
  checkFields(out, 'the answer', { nextToken: isString }, problems);
  refuseIfAny('DescribeImages', problems);
  return out;
}

export function checkBatchGetImage(out: BatchGetImageCommandOutput): BatchGetImageCommandOutput {
  const problems: string[] = [];
  // Not `out.images`: a null or undefined answer is refused below, not a TypeError here.
  const answer = out as Partial<BatchGetImageCommandOutput> | null | undefined;
  checkList(
    answer?.images,
    'images',
    (item, path, found) => {
      checkFields(
        item,
        path,
        { registryId: isString, repositoryName: isString, imageManifest: isString },
        found,
      );
      const id = (item as { imageId?: unknown } | null)?.imageId;
      if (id !== undefined && id !== null)
        checkFields(id, `${path}.imageId`, { imageDigest: isString, imageTag: isString }, found);
    },
    problems,
  );
  checkList(
    answer?.failures,
    'failures',
    (item, path, found) =>
      checkFields(item, path, { failureCode: isString, failureReason: isString }, found),
    problems,
  );
  checkFields(out, 'the answer', {}, problems);
  refuseIfAny('BatchGetImage', problems);
  return out;
}
