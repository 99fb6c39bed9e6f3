// The CloudTrail client on its own module, so that a run with `uploader-check: false` never loads
// (nor evaluates) @aws-sdk/client-cloudtrail: it is imported dynamically by src/runtime/adapters.ts
// and ncc emits it as a separate chunk (issue 13 §1, start-up to the first request).
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { common, endpointFor, withoutResponseLogging, type ClientOptions } from './clients.js';

export function cloudTrailClient(options: ClientOptions): CloudTrailClient {
  return withoutResponseLogging(
    new CloudTrailClient(
      common(
        options,
        'CLOUDTRAIL',
        endpointFor('CLOUDTRAIL', options.region, process.env, options.fips),
      ),
    ),
  );
}
