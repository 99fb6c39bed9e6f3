// The ECR operations the gate uses, counted. One place sends commands so that every call,
// whichever step makes it, shows up in `callCount()` (report and benchmark).
import {
  BatchGetImageCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  GetRegistryScanningConfigurationCommand,
  StartImageScanCommand,
  type BatchGetImageCommandInput,
  type BatchGetImageCommandOutput,
  type DescribeImageScanFindingsCommandInput,
  type DescribeImageScanFindingsCommandOutput,
  type DescribeImagesCommandInput,
  type DescribeImagesCommandOutput,
  type ECRClient,
  type GetRegistryScanningConfigurationCommandOutput,
  type StartImageScanCommandInput,
  type StartImageScanCommandOutput,
} from '@aws-sdk/client-ecr';
import { checkBatchGetImage, checkDescribeImages } from './ecr-shapes.js';

export interface EcrCalls {
  describeImages(
    region: string,
    input: DescribeImagesCommandInput,
    signal?: AbortSignal,
  ): Promise<DescribeImagesCommandOutput>;
  batchGetImage(
    region: string,
    input: BatchGetImageCommandInput,
    signal?: AbortSignal,
  ): Promise<BatchGetImageCommandOutput>;
  describeImageScanFindings(
    region: string,
    input: DescribeImageScanFindingsCommandInput,
    signal?: AbortSignal,
  ): Promise<DescribeImageScanFindingsCommandOutput>;
  startImageScan(
    region: string,
    input: StartImageScanCommandInput,
    signal?: AbortSignal,
  ): Promise<StartImageScanCommandOutput>;
  /** The caller's registry only: the operation takes no registry id. Optional for test fakes. */
  getRegistryScanningConfiguration?(
    region: string,
    signal?: AbortSignal,
  ): Promise<GetRegistryScanningConfigurationCommandOutput>;
  /** Commands sent so far (the SDK's own retries of one command are not counted again). */
  count(): number;
}

/**
 * `startClientFor` serves StartImageScan alone. Its quota refusal, LimitExceededException, is in
 * the SDK's list of throttling codes (@smithy/core retry/service-error-classification
 * THROTTLING_ERROR_CODES): on the shared adaptive client it was retried 6 times (16–27 s) and
 * lowered the client's send rate for every other image (issue 18 §4.5). A client of its own with
 * one attempt keeps the refusal a refusal and the shared client untouched.
 */
export function countingEcrCalls(
  clientFor: (region: string) => ECRClient,
  startClientFor: (region: string) => ECRClient = clientFor,
): EcrCalls {
  let calls = 0;
  const options = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    async describeImages(region, input, signal) {
      calls += 1;
      return checkDescribeImages(
        await clientFor(region).send(new DescribeImagesCommand(input), options(signal)),
      );
    },
    async batchGetImage(region, input, signal) {
      calls += 1;
      return checkBatchGetImage(
        await clientFor(region).send(new BatchGetImageCommand(input), options(signal)),
      );
    },
    describeImageScanFindings(region, input, signal) {
      calls += 1;
      return clientFor(region).send(new DescribeImageScanFindingsCommand(input), options(signal));
    },
    startImageScan(region, input, signal) {
      calls += 1;
      return startClientFor(region).send(new StartImageScanCommand(input), options(signal));
    },
    getRegistryScanningConfiguration(region, signal) {
      calls += 1;
      return clientFor(region).send(
        new GetRegistryScanningConfigurationCommand({}),
        options(signal),
      );
    },
    count: () => calls,
  };
}
