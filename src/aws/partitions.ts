// The SDK's own partition data decides what a region is and where its endpoints live: the
// `partition()` function of @aws-sdk/core (its util-endpoints, over the partitions.json AWS
// publishes in aws-sdk-js-v3 packages/util-endpoints/src/lib/aws/partitions.json, shipped as
// node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js).
// Not talking to AWS: data only, so the pure input checks may use it.
import { partition } from '@aws-sdk/core/client';

export interface RegionPartition {
  /** `aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`, `aws-iso*`. */
  name: string;
  /** `amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`, ... */
  dnsSuffix: string;
  supportsFIPS: boolean;
}

/**
 * The partition of `region`, or null when the SDK does not know it. `partition()` falls back to
 * `aws` for any string (`mars-north-9` included), so a region counts as known only when the data
 * lists it (it then carries a description) or another partition's region pattern claims it
 * (e.g. a new `us-gov-` region). A commercial region newer than the bundled SDK is refused
 * until the SDK is updated: a clear input error beats gating against a made-up endpoint.
 */
export function regionPartition(region: string): RegionPartition | null {
  const found = partition(region) as {
    name: string;
    dnsSuffix: string;
    supportsFIPS?: boolean;
    description?: string;
  };
  if (found.description === undefined && found.name === 'aws') return null;
  return {
    name: found.name,
    dnsSuffix: found.dnsSuffix,
    supportsFIPS: found.supportsFIPS === true,
  };
}
