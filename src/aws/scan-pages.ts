// The pages of one scan read, and the first page asked early: beside DescribeImages instead of
// after it (issue 13: a finished single-page scan then costs one round trip, not two).
//
// ImageIdentifier takes a tag as well as a digest, and ECR answers a read by tag with the digest
// it described: `imageId: {"imageTag": "0.1.21", "imageDigest": "sha256:9716…"}` in the AWS CLI
// output for `imageTag=0.1.21` (../shared/data/realworld/ecr-scan-responses.json,
// `scratch-image-failed-null-findings`; also `aws-sdk-289-complete-before-findings`). So a page
// asked by tag is used only when its `imageId.imageDigest` is the digest DescribeImages resolved;
// any other answer (the tag moved, an image index, an error, no digest in the answer) is dropped
// and the read starts again by digest, as it did before. A nextToken is only ever sent with the
// id its page was asked by (nothing documents that a token outlives its request), and every later
// page of a read by tag is checked again: one naming another digest (the tag moved mid-read)
// restarts the read by digest.
import type { DescribeImageScanFindingsCommandOutput, ImageIdentifier } from '@aws-sdk/client-ecr';
import type { ImageTarget, ResolvedImage } from '../model.js';
import type { EcrCalls } from './ecr-calls.js';
import { targetImageId } from './ecr-resolve.js';
import { PAGE_SIZE, readScan, type ScanRead } from './scan-read.js';

export interface EarlyPage {
  /** How page one was asked for: later pages of that read ask the same way. */
  imageId: ImageIdentifier;
  /** undefined when the call failed: the read then asks again by digest and meets the error. */
  page: Promise<DescribeImageScanFindingsCommandOutput | undefined>;
}

const keyOf = (
  image: Pick<ResolvedImage, 'region' | 'registryId' | 'repository' | 'imageDigest'>,
) => `${image.region}\u0000${image.registryId}\u0000${image.repository}\u0000${image.imageDigest}`;

/** Early first pages, asked while a target resolves and kept for the image it resolves to. */
export class EarlyPages {
  private readonly kept = new Map<string, EarlyPage>();

  constructor(private readonly calls: EcrCalls) {}

  /** Asks for page one of `target`'s scan by the id DescribeImages is asked by. */
  ask(target: ImageTarget, region: string, timeoutMs: number): EarlyPage {
    const imageId = targetImageId(target);
    // Any thenable (or a synchronous throw) becomes a real promise, never rejecting.
    const page = new Promise<DescribeImageScanFindingsCommandOutput>((resolve) =>
      resolve(
        this.calls.describeImageScanFindings(
          region,
          {
            repositoryName: target.repository,
            imageId,
            ...(target.registryId ? { registryId: target.registryId } : {}),
            maxResults: PAGE_SIZE,
          },
          AbortSignal.timeout(Math.max(0, timeoutMs)),
        ),
      ),
    ).catch(() => undefined);
    return { imageId, page };
  }

  /**
   * After the resolve: a single-manifest image may use the page (platforms of an index have
   * digests of their own; the page asked by the index's tag is not theirs).
   */
  keep(early: EarlyPage, images: readonly ResolvedImage[]): void {
    const single = images.filter((image) => !image.indexDigest && !image.notGated);
    if (single.length === 1) this.kept.set(keyOf(single[0] as ResolvedImage), early);
  }

  /** The early page for `image`, once: a second wait (a compare-to read) asks again. */
  take(image: ResolvedImage): EarlyPage | undefined {
    const key = keyOf(image);
    const early = this.kept.get(key);
    this.kept.delete(key);
    return early;
  }
}

/** `promise`'s value, or undefined as soon as `signal` aborts (the promise never rejects). */
function untilAborted<T>(
  promise: Promise<T | undefined>,
  signal: AbortSignal,
): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const stop = () => resolve(undefined);
    signal.addEventListener('abort', stop, { once: true });
    void promise.then((value) => {
      signal.removeEventListener('abort', stop);
      resolve(value);
    });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

/** A page asked by tag described another digest than the one being gated. */
class TagMoved extends Error {}

/** Reads of one image's scan, page one taken from the early page when it describes the image. */
export class ScanPages {
  /** The id the read in progress pages by (a nextToken belongs to its request). */
  private pagingBy: ImageIdentifier | undefined;

  constructor(
    private readonly calls: EcrCalls,
    private readonly image: ResolvedImage,
    private readonly signal: AbortSignal,
    /** Counts a call made for this image (the outcome's `calls`). */
    private readonly counted: () => void,
    private early: EarlyPage | undefined,
  ) {}

  /** One read (readScan); a tag that moved under a read by tag restarts it by digest. */
  async read(final: (status: string | undefined) => boolean): Promise<ScanRead> {
    try {
      return await readScan(this.fetch, final);
    } catch (error) {
      if (!(error instanceof TagMoved)) throw error;
      return readScan(this.fetch, final);
    }
  }

  private readonly fetch = async (
    nextToken: string | undefined,
  ): Promise<DescribeImageScanFindingsCommandOutput> => {
    if (nextToken === undefined) {
      this.pagingBy = undefined;
      const early = this.early;
      this.early = undefined;
      // Bounded by this wait's own deadline and signal: the early call carries only the resolve's.
      const page = early ? await untilAborted(early.page, this.signal) : undefined;
      if (early && page && this.describesImage(page)) {
        this.counted();
        this.pagingBy = early.imageId;
        return page;
      }
    }
    // As the SDK would for a call made with it, without making the call.
    if (this.signal.aborted) throw abortError(this.signal);
    this.counted();
    const page = await this.calls.describeImageScanFindings(
      this.image.region,
      {
        repositoryName: this.image.repository,
        imageId: this.pagingBy ?? { imageDigest: this.image.imageDigest },
        ...(this.image.registryId ? { registryId: this.image.registryId } : {}),
        maxResults: PAGE_SIZE,
        ...(nextToken ? { nextToken } : {}),
      },
      this.signal,
    );
    if (this.pagingBy?.imageTag !== undefined && this.namesOtherImage(page)) throw new TagMoved();
    return page;
  };

  /** Page one must name the digest: nothing else ties an answer by tag to the gated image. */
  private describesImage(page: DescribeImageScanFindingsCommandOutput): boolean {
    const digest: unknown = page.imageId?.imageDigest;
    return typeof digest === 'string' && digest === this.image.imageDigest;
  }

  /**
   * A later page is tied to page one by its token; it contradicts it only by naming another
   * digest (ECR always sends imageId, so a page without one is not evidence of a move).
   */
  private namesOtherImage(page: DescribeImageScanFindingsCommandOutput): boolean {
    const digest: unknown = page.imageId?.imageDigest;
    return digest !== undefined && digest !== this.image.imageDigest;
  }
}
