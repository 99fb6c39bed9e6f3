// Issue 17 §3: docker/metadata-action's `tags` output lists every registry the workflow pushes to
// (https://github.com/docker/metadata-action#outputs: "tags: Docker tags", one per line, for each
// of its `images`). Refs outside Amazon ECR are skipped with a notice; an error only when no ECR
// ref is left.
import { UserError } from '../../src/errors.js';
import { parseSettings } from '../../src/inputs/parse.js';

const ECR = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const parse = (image: string) => parseSettings({ image }, {}, null);

test('ghcr.io, docker.io and ECR Public refs are skipped with a notice; the ECR ones are gated', () => {
  const settings = parse(
    [
      `${ECR}/app:1.2.3`,
      'ghcr.io/acme/app:1.2.3',
      'docker.io/acme/app:1.2.3',
      `${ECR}/app:latest`,
      'public.ecr.aws/acme/app:1.2.3',
    ].join('\n'),
  );
  expect(settings.images.map((i) => i.raw)).toEqual([`${ECR}/app:1.2.3`, `${ECR}/app:latest`]);
  expect(settings.skippedImages).toHaveLength(3);
  expect(settings.skippedImages[0]).toContain('image line 2: ghcr.io/acme/app:1.2.3');
  expect(settings.skippedImages[0]).toContain('not in Amazon ECR');
  expect(settings.skippedImages[2]).toContain('public.ecr.aws');
});

test('no ECR ref left: the error names the other registry', () => {
  expect(() => parse('ghcr.io/acme/app:1\ndocker.io/acme/app:1')).toThrow(UserError);
  expect(() => parse('ghcr.io/acme/app:1\ndocker.io/acme/app:1')).toThrow(
    /no Amazon ECR image is left.*\(ghcr\.io, docker\.io\)/,
  );
});

test('an unknown host with a dot may be an ECR repository (team.a/app): never skipped', () => {
  expect(() => parse(`${ECR}/app:1\nteam.a/app:1`)).toThrow(/team\.a\/app/);
});

test('a malformed ECR-like host is still an error, not skipped', () => {
  expect(() => parse(`${ECR}/app:1\n123.dkr.ecr.eu-west-1.amazonaws.com/app:1`)).toThrow(
    /12 digits/,
  );
});
