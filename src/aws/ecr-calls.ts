// The four ECR operations the gate uses, counted. One place sends commands so that every call,
// whichever step makes it, shows up in `callCount()` (report and benchmark).
import {
  BatchGetImageCommand,
  DescribeImageScanFindingsCommand,
  DescribeImagesCommand,
  StartImageScanCommand,
  type BatchGetImageCommandInput,
  type BatchGetImageCommandOutput,
  type DescribeImageScanFindingsCommandInput,
  type DescribeImageScanFindingsCommandOutput,
  type DescribeImagesCommandInput,
  type DescribeImagesCommandOutput,
  type ECRClient,
  type StartImageScanCommandInput,
  type StartImageScanCommandOutput,
} from '@aws-sdk/client-ecr';

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
  /** Commands sent so far (the SDK's own retries of one command are not counted again). */
  count(): number;
}

export function countingEcrCalls(clientFor: (region: string) => ECRClient): EcrCalls {
  let calls = 0;
  const options = (signal?: AbortSignal) => (signal ? { abortSignal: signal } : {});
  return {
    describeImages(region, input, signal) {
      calls += 1;
      return clientFor(region).send(new DescribeImagesCommand(input), options(signal));
    },
    batchGetImage(region, input, signal) {
      calls += 1;
      return clientFor(region).send(new BatchGetImageCommand(input), options(signal));
    },
    describeImageScanFindings(region, input, signal) {
      calls += 1;
      return clientFor(region).send(new DescribeImageScanFindingsCommand(input), options(signal));
    },
    startImageScan(region, input, signal) {
      calls += 1;
      return clientFor(region).send(new StartImageScanCommand(input), options(signal));
    },
    count: () => calls,
  };
}
