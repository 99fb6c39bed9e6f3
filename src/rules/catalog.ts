import type { Detection, Level, RuleId, Severity } from '../model.js';

/** Static facts of one rule: SPEC section 2. Score = impact × confidence / 100. */
export interface RuleSpec {
  id: RuleId;
  defaultLevel: Level;
  impact: number;
  confidence: number;
  /** Splunk-style severity word written on the row. */
  severity: string;
  /** Risk message; `$name$` placeholders are filled from the row. */
  message: string;
  title: string;
}

const spec = (
  id: RuleId,
  defaultLevel: Level,
  impact: number,
  confidence: number,
  severity: string,
  title: string,
  message: string,
): RuleSpec => ({ id, defaultLevel, impact, confidence, severity, title, message });

const vulns = (sev: string) =>
  `Vulnerabilities with severity ${sev} found in repository $repository$`;

export const RULES: Readonly<Record<RuleId, RuleSpec>> = {
  critical: spec(
    'critical',
    'fail',
    100,
    100,
    'critical',
    'Critical vulnerabilities',
    vulns('critical'),
  ),
  high: spec('high', 'fail', 70, 100, 'high', 'High vulnerabilities', vulns('high')),
  medium: spec('medium', 'warn', 30, 70, 'medium', 'Medium vulnerabilities', vulns('medium')),
  low: spec('low', 'notice', 10, 50, 'low', 'Low vulnerabilities', vulns('low')),
  informational: spec(
    'informational',
    'off',
    10,
    50,
    'informational',
    'Informational findings',
    vulns('informational'),
  ),
  undefined: spec(
    'undefined',
    'notice',
    10,
    50,
    'undefined',
    'Untriaged findings',
    vulns('undefined'),
  ),
  // Enhanced findings only: ECR's EnhancedImageScanFinding.exploitAvailable, "if a finding
  // discovered in your environment has an exploit available"
  // (https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_EnhancedImageScanFinding.html).
  // A fired row is in addition to the finding's severity row; impact as a high, confidence 90:
  // a known exploit is strong evidence, not proof it reaches this image's entrypoint.
  exploitable: spec(
    'exploitable',
    'fail',
    70,
    90,
    'high',
    'Known exploit available',
    'Known exploit for $finding$ found in repository $repository$',
  ),
  'unknown-uploader': spec(
    'unknown-uploader',
    'fail',
    70,
    70,
    'high',
    'Unknown uploader',
    'Container uploaded from unknown user $user$',
  ),
  'tag-overwrite': spec(
    'tag-overwrite',
    'fail',
    70,
    80,
    'high',
    'Tag overwritten',
    'Tag $tag$ in repository $repository$ was pushed by $user$',
  ),
  'cross-account-uploader': spec(
    'cross-account-uploader',
    'fail',
    70,
    90,
    'high',
    'Cross-account uploader',
    'Container uploaded from another account by $user$',
  ),
  'unverified-uploader': spec(
    'unverified-uploader',
    'warn',
    30,
    50,
    'medium',
    'Uploader not verified',
    'Uploader of image $image$ could not be verified',
  ),
  'outside-business-hours': spec(
    'outside-business-hours',
    'off',
    70,
    70,
    'high',
    'Pushed outside business hours',
    'Container uploaded outside business hours from $user$',
  ),
  'scan-incomplete': spec(
    'scan-incomplete',
    'fail',
    50,
    100,
    'high',
    'No usable scan result',
    'No usable scan result for image $image$ ($status$)',
  ),
};

export const SEVERITY_RULE: Readonly<Record<Severity, RuleId>> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  INFORMATIONAL: 'informational',
  UNDEFINED: 'undefined',
};

export const riskScoreOf = (rule: RuleSpec): number => (rule.impact * rule.confidence) / 100;

/** Fills `$name$` placeholders; unknown names are left as written so a typo is visible. */
export function fillMessage(
  template: string,
  values: Readonly<Record<string, string | undefined>>,
): string {
  return template.replace(/\$([a-z_]+)\$/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The fields every risk event of `rule` starts with (Splunk RBA: score = impact × confidence /
 * 100); rule modules add the message and their row fields.
 */
export function riskEvent(
  rule: RuleId,
  level: Level,
  imageIndex: number,
  time: string,
): Pick<
  Detection,
  | 'rule'
  | 'level'
  | 'severity'
  | 'riskScore'
  | 'impact'
  | 'confidence'
  | 'ignored'
  | 'imageIndex'
  | 'phase'
  | 'firstTime'
  | 'lastTime'
> {
  const spec = RULES[rule];
  return {
    rule,
    level,
    severity: spec.severity,
    riskScore: riskScoreOf(spec),
    impact: spec.impact,
    confidence: spec.confidence,
    ignored: false,
    imageIndex,
    phase: 'release',
    firstTime: time,
    lastTime: time,
  };
}
