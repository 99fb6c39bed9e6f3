// Every fault case, in the order docs/reliability.md lists them.
import { CLOUDTRAIL_CASES } from './fault-cases-cloudtrail.js';
import { ECR_CASES } from './fault-cases-ecr.js';
import { GITHUB_CASES } from './fault-cases-github.js';
import type { FaultCase } from './fault-world.js';

export { CLOUDTRAIL_CASES, ECR_CASES, GITHUB_CASES };

export const FAULT_CASES: readonly FaultCase[] = [
  ...ECR_CASES,
  ...CLOUDTRAIL_CASES,
  ...GITHUB_CASES,
];
