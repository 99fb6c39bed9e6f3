// The bench's baseline (issue 13 §1): the least a program can do with the same SDK — page every
// image's scan findings with the SDK's own paginator and count them. Bundled like the gate
// (bench/baseline/build.ts) and run in the same alternation, so gate ÷ script is what the gate's
// work costs on top of reading the findings. Images come as BASELINE_IMAGES (JSON).
import { ECRClient, paginateDescribeImageScanFindings } from '@aws-sdk/client-ecr';

interface Target {
  repositoryName: string;
  registryId: string;
  imageDigest: string;
}

const targets = JSON.parse(process.env.BASELINE_IMAGES ?? '[]') as Target[];
const client = new ECRClient({});
let total = 0;
for (const target of targets) {
  const pages = paginateDescribeImageScanFindings(
    { client, pageSize: 1000 },
    {
      repositoryName: target.repositoryName,
      registryId: target.registryId,
      imageId: { imageDigest: target.imageDigest },
    },
  );
  for await (const page of pages) {
    total += page.imageScanFindings?.findings?.length ?? 0;
    total += page.imageScanFindings?.enhancedFindings?.length ?? 0;
  }
}
process.stdout.write(`${total}\n`);
