import type { ProgressEvent } from '../ports.js';
import type { Adapters } from '../runtime/adapters.js';
import { progressKey } from '../runtime/progress.js';

/** Receives the keys of waits that are over. */
export interface WaitEnd {
  end(keys: Iterable<string>): void;
}

type WithProgress = { onProgress?: (event: ProgressEvent) => void };

/**
 * Progress events say what a wait is waiting for, never that it is over. Wrapping the ports tells
 * the progress line when each wait returns, so a scan that finished is not shown as still
 * running while CloudTrail is.
 */
export function trackWaits(adapters: Adapters, line: WaitEnd): Adapters {
  async function tracked<O extends WithProgress, R>(
    options: O,
    call: (options: O) => Promise<R>,
  ): Promise<R> {
    const keys = new Set<string>();
    const forward = options.onProgress;
    try {
      return await call({
        ...options,
        onProgress: (event: ProgressEvent) => {
          keys.add(progressKey(event));
          forward?.(event);
        },
      });
    } finally {
      line.end(keys);
    }
  }

  const { ecr, uploader } = adapters;
  return {
    ecr: {
      resolve: (target, region) => ecr.resolve(target, region),
      waitForScan: (image, options) => tracked(options, (o) => ecr.waitForScan(image, o)),
      callCount: () => ecr.callCount(),
    },
    uploader: uploader && {
      investigate: (image, options) => tracked(options, (o) => uploader.investigate(image, o)),
      callCount: () => uploader.callCount(),
    },
    ...(adapters.sweep ? { sweep: adapters.sweep } : {}),
  };
}
