// `npm run demo -- --splunk`: the two real recordings in ../shared/data/splunk, replayed as they
// were in 2021 (times not moved). Read in place; the project never commits them (issue 16).
import { splunkScanScenario, splunkUploadScenario } from '../emulator/index.js';
import { SHARED_DATA, hasSharedData } from '../__tests__/shared-data.js';
import type { DemoWorld } from './world.js';

export const hasSplunkRecordings = (): boolean => hasSharedData('splunk');

/**
 * - cat_dog_client: the real BASIC scan response (104 findings). The dataset holds no record of
 *   its push, so CloudTrail cannot say who pushed it: the gate reports that instead of guessing.
 * - cat_dog_server: the real PutImage by IAM user `test` of account 111111111111 into registry
 *   111111111112. Its scan in this demo is clean (the dataset has none for it).
 */
export function splunkWorld(): DemoWorld {
  if (!hasSplunkRecordings()) {
    throw new Error(
      `--splunk replays the recordings in ${SHARED_DATA}/splunk, which is not there; ` +
        'run `npm run demo` without --splunk for the built world',
    );
  }
  const scan = splunkScanScenario({ rebase: false, withPush: false });
  const upload = splunkUploadScenario({ rebase: false });
  return {
    scenario: {
      accountId: scan.accountId,
      region: scan.region,
      repositories: [...scan.repositories, ...upload.repositories],
      images: [...scan.images, ...upload.images],
      cloudTrail: {
        events: [...(scan.cloudTrail?.events ?? []), ...(upload.cloudTrail?.events ?? [])],
      },
    },
    images: [
      '111111111111.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_client:latest',
      '111111111112.dkr.ecr.eu-central-1.amazonaws.com/devsecops/cat_dog_server:latest',
    ],
    knownUploaders: 'arn:aws:iam::111111111112:role/release-pipeline',
    about: [`world: the Splunk attack_data recordings, read in place from ${SHARED_DATA}/splunk`],
  };
}
