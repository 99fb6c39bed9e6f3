// Gating what a sweep found (issue 15): each pushed manifest's scan, an image deleted since its
// push said to be deleted, and the fail-closed row of a region that could not be read.
import { UserError, errorMessage } from './errors.js';
import type { Settings } from './inputs/settings.js';
import type { Detection, PushEvent, ResolvedImage, ScanOutcome } from './model.js';
import type { EcrPort, SweepRead } from './ports.js';
import { mapLimit } from './concurrency.js';
import { RULES, fillMessage, riskEvent } from './rules/catalog.js';
import { splunkTime } from './rules/time.js';
import { UNRESOLVED } from './resolve-all.js';

export interface SweepEvaluated {
  image: ResolvedImage;
  scan: ScanOutcome;
  evidence: null;
}

const CONCURRENCY = 4;
/** ECR's own answer for an image deleted since its push (ecr-resolve.ts, aws-error-text.ts). */
const DELETED = 'ImageNotFoundException';

/** Resolves and waits for one pushed manifest; a deleted image is said to be deleted. */
export async function gatePushed(
  push: PushEvent,
  settings: Settings,
  ecr: EcrPort,
  deadline: number,
): Promise<SweepEvaluated[]> {
  const digest = push.digest ?? '';
  const target = {
    raw: `${push.registryId}.dkr.ecr.${push.region}.amazonaws.com/${push.repository}@${digest}`,
    repository: push.repository,
    registryId: push.registryId,
    region: push.region,
    digest,
  };
  const placeholder: ResolvedImage = {
    target,
    registryId: push.registryId,
    region: push.region,
    repository: push.repository,
    imageDigest: digest,
    imageTags: push.tag ? [push.tag] : [],
    pushedAt: push.eventTime,
  };
  let images: ResolvedImage[];
  try {
    images = await ecr.resolve(target, push.region);
  } catch (error) {
    const message = errorMessage(error);
    // By the AWS error's name, never its wording (the translated text is for people).
    const deleted = error instanceof UserError && error.awsName === DELETED;
    return [
      {
        image: placeholder,
        evidence: null,
        scan: {
          type: 'BASIC',
          status: deleted ? 'DELETED' : UNRESOLVED,
          description: deleted
            ? 'deleted since the push (ImageNotFoundException): there is nothing left to scan or deploy'
            : `the image could not be resolved, so it was not gated: ${message}`,
          // A deleted image cannot be deployed: nothing is missing. Anything else fails closed.
          usable: deleted,
          findings: [],
          calls: 0,
        },
      },
    ];
  }
  // scan-timeout bounds the whole step, not each image.
  return mapLimit(images, CONCURRENCY, async (image) => ({
    image,
    evidence: null,
    scan: await ecr.waitForScan(image, {
      timeoutMs: Math.max(0, deadline - Date.now()),
      settleMs: settings.scanSettleSeconds * 1000,
    }),
  }));
}

/** The fail-closed row for a region whose PutImage events could not all be read. */
export function unreadRow(
  read: SweepRead,
  settings: Settings,
  start: Date,
  end: Date,
  now: Date,
): Detection {
  const spec = RULES['unverified-uploader'];
  const what = `every PutImage of ${read.region} from ${start.toISOString()} to ${end.toISOString()}`;
  return {
    ...riskEvent('unverified-uploader', settings.levels['unverified-uploader'], 0, splunkTime(now)),
    // A scheduled watch that could not read a region saw nothing there: that fails, whatever the
    // level of unverified-uploader (a per-push lookup that is only late stays a warning). A
    // warning would leave the hourly job green while a revoked permission blinds it.
    level: 'fail',
    message: fillMessage(spec.message, { image: what }),
    awsRegion: read.region,
    eventName: 'PutImage',
    eventSource: 'ecr.amazonaws.com',
    detail: read.error ?? 'the read did not finish',
  };
}
