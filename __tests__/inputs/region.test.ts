// Issue 18 §4.4: regions are what the AWS SDK's partition data says they are
// (node_modules/@aws-sdk/core/dist-es/submodules/client/util-endpoints/lib/aws/partitions.js,
// generated from aws-sdk-js-v3 packages/util-endpoints partitions.json), not a hand-written pattern.
import { regionPartition } from '../../src/aws/partitions.js';
import { endpointFor } from '../../src/aws/clients.js';
import { UserError } from '../../src/errors.js';
import { checkRegion } from '../../src/inputs/checks.js';
import { parseRegistryHost } from '../../src/inputs/image-ref.js';
import { parseSettings } from '../../src/inputs/parse.js';
import type { RawInputs } from '../../src/inputs/settings.js';
import { partitionOfRegion } from '../../src/rules/identity.js';

const parse = (raw: RawInputs) => parseSettings(raw, {}, null);
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('region validation from the SDK partition data', () => {
  test.each([
    ['mars-north-9', 'no AWS partition known to the bundled AWS SDK has this region'],
    ['us-mars-1', 'no AWS partition known to the bundled AWS SDK has this region'],
    ['eu-central-1a', 'availability zone'],
  ])('%s is rejected', (region, problem) => {
    const check = checkRegion(region);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.problem).toContain(problem);
    expect(errorOf(() => parse({ image: 'app:1', region }))).toContain(
      `Input 'region': "${region}" is not valid`,
    );
  });

  test.each([
    ['us-east-1', 'aws', 'amazonaws.com'],
    ['eusc-de-east-1', 'aws-eusc', 'amazonaws.eu'],
    ['cn-northwest-1', 'aws-cn', 'amazonaws.com.cn'],
    ['us-gov-west-1', 'aws-us-gov', 'amazonaws.com'],
    ['eu-isoe-west-1', 'aws-iso-e', 'cloud.adc-e.uk'],
  ])('%s is in partition %s (%s)', (region, name, dnsSuffix) => {
    expect(checkRegion(region)).toEqual({ ok: true, value: region });
    expect(regionPartition(region)).toMatchObject({ name, dnsSuffix });
    // the ARN partition CloudTrail records carry must agree with the SDK's
    expect(partitionOfRegion(region)).toBe(name);
  });

  test('eusc-de-east-1: its host is .amazonaws.eu, never .amazonaws.com', () => {
    expect(parseRegistryHost('123456789012.dkr.ecr.eusc-de-east-1.amazonaws.eu')).toMatchObject({
      ok: true,
      value: { region: 'eusc-de-east-1' },
    });
    const wrong = parseRegistryHost('123456789012.dkr.ecr.eusc-de-east-1.amazonaws.com');
    expect(wrong.ok).toBe(false);
    expect(wrong.ok ? '' : wrong.problem).toContain('aws-eusc');
    expect(parseRegistryHost('123456789012.dkr.ecr.mars-north-9.amazonaws.com').ok).toBe(false);
  });

  test('an explicit region contradicting the host is an error naming both', () => {
    const message = errorOf(() =>
      parse({
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1',
        region: 'us-east-1',
      }),
    );
    expect(message).toContain("Input 'region'");
    expect(message).toContain('"us-east-1"');
    expect(message).toContain('eu-west-1');
  });
});

describe('FIPS hosts reach the clients as FIPS endpoints', () => {
  test('a dkr.ecr-fips host sets fips on the target and the settings', () => {
    const settings = parse({ image: '123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/app:1' });
    expect(settings.fips).toBe(true);
    expect(settings.images[0]?.fips).toBe(true);
    expect(parse({ image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1' }).fips).toBe(false);
  });

  test('the endpoint used for the proxy decision is the FIPS host', () => {
    // https://docs.aws.amazon.com/general/latest/gr/ecr.html lists ecr-fips.REGION.amazonaws.com
    expect(endpointFor('ECR', 'us-east-1', {}, true).host).toBe('ecr-fips.us-east-1.amazonaws.com');
    expect(endpointFor('CLOUDTRAIL', 'us-gov-west-1', {}, true).host).toBe(
      'cloudtrail-fips.us-gov-west-1.amazonaws.com',
    );
    expect(endpointFor('ECR', 'eusc-de-east-1', {}).host).toBe(
      'api.ecr.eusc-de-east-1.amazonaws.eu',
    );
  });

  test('the ECR client resolves to the FIPS endpoint (the SDK endpoint rules, useFipsEndpoint)', async () => {
    const { ecrClient } = await import('../../src/aws/clients.js');
    const saved = { ...process.env };
    delete process.env.AWS_ENDPOINT_URL_ECR;
    delete process.env.AWS_ENDPOINT_URL;
    try {
      const client = ecrClient({ region: 'us-east-1', fips: true });
      expect(await client.config.useFipsEndpoint()).toBe(true);
      const plain = ecrClient({ region: 'us-east-1' });
      expect(await plain.config.useFipsEndpoint()).toBe(false);
    } finally {
      process.env = saved;
    }
  });
});
