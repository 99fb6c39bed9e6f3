// StartImageScan: tried at most once per image, and only when the user gave the scan time to
// happen. Every refusal is a note, never an error and never a retry.
import type { ScanType } from '../model.js';
import { awsErrorName, describeAwsError } from './aws-errors.js';
import type { EcrCalls } from './ecr-calls.js';

export interface StartResult {
  note: string;
  /** What the answer says about the registry's scan type, when it says anything. */
  type?: ScanType;
}

/** Why StartImageScan was refused, as a note; never an error. */
export function startRefusal(error: unknown): StartResult {
  const name = awsErrorName(error) ?? 'Error';
  const detail = describeAwsError(error);
  switch (name) {
    case 'LimitExceededException':
      // A quota answer, not throttling: the call is sent without SDK retries (ecr-calls.ts).
      return {
        note: `StartImageScan was refused: ECR allows one manual scan per image per 24 hours (${detail}).`,
      };
    case 'UnsupportedImageTypeException':
      return { note: `StartImageScan was refused: ECR cannot scan this image type (${detail}).` };
    case 'ValidationException':
      return {
        note:
          `StartImageScan was refused, as ECR does under enhanced scanning, where Amazon Inspector ` +
          `starts scans itself (${detail}).`,
        type: 'ENHANCED',
      };
    case 'AccessDeniedException':
      return {
        note: `StartImageScan was not allowed (ecr:StartImageScan is optional; ${detail}).`,
      };
    default:
      return { note: `StartImageScan failed (${detail}).` };
  }
}

export interface StartTarget {
  region: string;
  repositoryName: string;
  imageDigest: string;
  registryId?: string;
}

/** One StartImageScan; `waited` is for the note. */
export async function startScan(
  calls: EcrCalls,
  target: StartTarget,
  waited: string,
  signal: AbortSignal,
): Promise<StartResult> {
  try {
    await calls.startImageScan(
      target.region,
      {
        repositoryName: target.repositoryName,
        imageId: { imageDigest: target.imageDigest },
        ...(target.registryId ? { registryId: target.registryId } : {}),
      },
      signal,
    );
    return {
      note: `No scan existed after ${waited}; started a basic scan with StartImageScan.`,
      type: 'BASIC',
    };
  } catch (error) {
    return startRefusal(error);
  }
}
