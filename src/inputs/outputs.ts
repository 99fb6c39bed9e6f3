// Step outputs (SPEC section 3): names and descriptions in one place, compared with action.yml
// by a unit test so the metadata and the code that sets the outputs cannot drift.

export const OUTPUTS = {
  result: 'Gate result: pass, warn or fail (the same in audit mode).',
  'risk-score': 'Total risk score of the detections that were not ignored.',
  critical: 'Distinct CRITICAL findings after ignores.',
  high: 'Distinct HIGH findings after ignores.',
  medium: 'Distinct MEDIUM findings after ignores.',
  low: 'Distinct LOW findings after ignores.',
  informational: 'Distinct INFORMATIONAL findings after ignores.',
  undefined: 'Distinct UNDEFINED (basic) or UNTRIAGED (enhanced) findings after ignores.',
  'findings-total': 'Distinct findings of every severity after ignores.',
  uploader: 'ARN of the principal that pushed the image (the role ARN for assumed roles).',
  'uploader-status': 'known, seen, unknown, no-baseline, unverified or skipped.',
  'image-digest': 'Digest of each gated image, one per line.',
  'report-file': 'Path of the JSON report.',
  'sarif-file': 'Path of the SARIF file, when one was written.',
  'new-findings':
    'With compare-to: distinct findings (after ignores) that the reference image does not have; every finding when it could not be read. Empty without compare-to.',
  'fixed-findings':
    'With compare-to: findings of the reference image that the gated images no longer have. Empty without compare-to.',
} as const;

export type OutputName = keyof typeof OUTPUTS;
export const OUTPUT_NAMES = Object.keys(OUTPUTS) as OutputName[];
