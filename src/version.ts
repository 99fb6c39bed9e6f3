/** Kept equal to package.json's version by a unit test; sent in the AWS user agent. */
export const VERSION = '0.1.0';
export const TOOL_NAME = 'ecr-risk-gate';
