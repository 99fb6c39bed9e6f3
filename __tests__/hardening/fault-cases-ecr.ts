// Fault corpus, ECR side: what DescribeImages, BatchGetImage, DescribeImageScanFindings and
// StartImageScan can do wrong, and what the gate must do about it. Data only.
import { enhancedFindings, type FaultSpec, type ScanStep } from '../../emulator/index.js';
import type { FaultCase } from './fault-world.js';

const SCAN = 'DescribeImageScanFindings';
const IMAGES = 'DescribeImages';
const REGISTRY_CONFIG = 'GetRegistryScanningConfiguration';

const on = (operation: string, fault: Omit<FaultSpec, 'operation'>): FaultSpec => ({
  ...fault,
  operation,
});

/** 250 enhanced findings, half MEDIUM and half LOW: three pages of 100. */
// No known exploits: these cases are about paging faults, not the `exploitable` rule.
const THREE_PAGES = {
  enhancedFindings: enhancedFindings(250, { MEDIUM: 1, LOW: 1 }, { repository: 'app' }).map(
    (finding) => ({ ...finding, exploitAvailable: 'NO' as const }),
  ),
};

const status = (id: string, step: ScanStep['status'], fault: string): FaultCase => ({
  id,
  area: 'ECR',
  fault,
  setup: { scan: { timeline: [{ status: step }] } },
  expect: {
    code: 1,
    result: 'fail',
    rules: ['scan-incomplete'],
    scanStatus: step,
    log: `(${step})`,
  },
});

/** A page that says COMPLETE, has no findings and still points to another page. */
const EMPTY_PAGE = {
  imageScanStatus: { status: 'COMPLETE' },
  imageScanFindings: { findings: [] },
  nextToken: 'page-{call}',
};

export const ECR_CASES: FaultCase[] = [
  {
    id: 'ecr-throttle-burst',
    area: 'ECR',
    fault: 'ThrottlingException on the first 3 DescribeImageScanFindings calls',
    setup: { faults: [on(SCAN, { kind: 'throttle', count: 3 })] },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-throttle-storm',
    area: 'ECR',
    fault: 'ThrottlingException on every DescribeImageScanFindings call',
    setup: { faults: [on(SCAN, { kind: 'throttle' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'No usable scan result within',
    },
  },
  {
    id: 'ecr-throttle-describe-images',
    area: 'ECR',
    fault: 'ThrottlingException on the first 2 DescribeImages calls',
    setup: { faults: [on(IMAGES, { kind: 'throttle', count: 2 })] },
    expect: { code: 0, result: 'warn', rules: ['medium'] },
  },
  {
    id: 'ecr-5xx-burst',
    area: 'ECR',
    fault: 'HTTP 500, 503, 500 on the first three DescribeImageScanFindings calls',
    setup: {
      faults: [
        on(SCAN, { kind: 'http500', calls: [1, 3] }),
        on(SCAN, { kind: 'http503', calls: [2] }),
      ],
    },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-5xx-storm-describe-images',
    area: 'ECR',
    fault: 'HTTP 500 on every DescribeImages call',
    setup: { faults: [on(IMAGES, { kind: 'http500' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'ECR returned a server error for ecr:DescribeImages',
    },
  },
  {
    id: 'ecr-503-storm-scan',
    area: 'ECR',
    fault: 'HTTP 503 on every DescribeImageScanFindings call',
    setup: { faults: [on(SCAN, { kind: 'http503' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'No usable scan result within',
    },
  },
  {
    id: 'ecr-reset-once',
    area: 'ECR',
    fault: 'Connection reset on the first DescribeImages call',
    setup: { faults: [on(IMAGES, { kind: 'reset', count: 1 })] },
    expect: { code: 0, result: 'warn', rules: ['medium'] },
  },
  {
    id: 'ecr-reset-storm',
    area: 'ECR',
    fault: 'Connection reset on every DescribeImages call',
    setup: { faults: [on(IMAGES, { kind: 'reset' })] },
    expect: { code: 1, result: 'fail', rules: [], error: true, log: 'ECONNRESET' },
  },
  {
    id: 'ecr-reset-mid-pagination',
    area: 'ECR',
    fault: 'Connection reset on page 2 of 3 of the findings',
    setup: {
      scanType: 'ENHANCED',
      scan: THREE_PAGES,
      faults: [on(SCAN, { kind: 'reset', calls: [2] })],
    },
    expect: { code: 0, result: 'warn', rules: ['medium', 'low'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-reset-after-page-1',
    area: 'ECR',
    fault: 'Connection reset on every findings call after the first page',
    setup: {
      scanType: 'ENHANCED',
      scan: THREE_PAGES,
      faults: [on(SCAN, { kind: 'reset', from: 2 })],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'No usable scan result within',
    },
  },
  {
    id: 'ecr-hang-mid-pagination',
    area: 'ECR',
    fault: 'Page 2 of the findings never answers (connection held open)',
    setup: {
      scanType: 'ENHANCED',
      scan: THREE_PAGES,
      faults: [on(SCAN, { kind: 'hang', calls: [2] })],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'still unanswered 5 s after the deadline',
    },
  },
  {
    id: 'ecr-hang-every-call',
    area: 'ECR',
    fault: 'DescribeImageScanFindings never answers',
    setup: { faults: [on(SCAN, { kind: 'hang' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'still unanswered 5 s after the deadline',
    },
  },
  {
    id: 'ecr-stall-then-drop',
    area: 'ECR',
    fault: 'First DescribeImageScanFindings stalls 1.5 s, then the connection drops',
    setup: { hangMs: 1500, faults: [on(SCAN, { kind: 'hang', count: 1 })] },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-malformed-once',
    area: 'ECR',
    fault: 'First DescribeImageScanFindings answer is not JSON',
    setup: { faults: [on(SCAN, { kind: 'malformed', count: 1 })] },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-malformed-storm',
    area: 'ECR',
    fault: 'Every DescribeImageScanFindings answer is not JSON',
    setup: { faults: [on(SCAN, { kind: 'malformed' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'SyntaxError',
    },
  },
  {
    id: 'ecr-malformed-describe-images',
    area: 'ECR',
    fault: 'DescribeImages answers with text that is not JSON',
    setup: { faults: [on(IMAGES, { kind: 'malformed' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'with a response that could not be read',
    },
  },
  {
    id: 'ecr-truncated-mid-pagination',
    area: 'ECR',
    fault: 'Page 2 of the findings is cut off halfway (connection drops)',
    setup: {
      scanType: 'ENHANCED',
      scan: THREE_PAGES,
      faults: [on(SCAN, { kind: 'truncated', calls: [2] })],
    },
    expect: { code: 0, result: 'warn', rules: ['medium', 'low'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-truncated-storm',
    area: 'ECR',
    fault: 'Every DescribeImageScanFindings answer is cut off halfway',
    setup: { faults: [on(SCAN, { kind: 'truncated' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'No usable scan result within',
    },
  },
  {
    id: 'ecr-wrong-types-findings',
    area: 'ECR',
    fault: 'Findings with a number for a name, a list for a severity, null and 5 as entries',
    setup: {
      faults: [
        on(SCAN, {
          kind: 'patch',
          patch: {
            imageScanFindings: {
              findings: [
                { name: 42, severity: ['CRITICAL'], description: { x: 1 }, attributes: 'x' },
                null,
                5,
                { name: 'CVE-2024-0002', severity: 'HIGH', attributes: [{ key: 7, value: [] }] },
              ],
            },
          },
        }),
      ],
    },
    expect: {
      code: 1,
      result: 'fail',
      // The entries that are objects are still listed; one with a list for a severity as UNDEFINED.
      rules: ['high', 'undefined', 'scan-incomplete'],
      scanStatus: 'FINDINGS_INCOMPLETE',
      log: 'without a readable severity',
    },
  },
  {
    id: 'ecr-wrong-type-status',
    area: 'ECR',
    fault: 'imageScanStatus.status is the number 7',
    setup: { faults: [on(SCAN, { kind: 'patch', patch: { imageScanStatus: { status: 7 } } })] },
    expect: { code: 1, result: 'fail', rules: ['scan-incomplete'], scanStatus: '7' },
  },
  {
    id: 'ecr-object-status',
    area: 'ECR',
    fault: 'imageScanStatus.status is the object {"toString": {}} (String() throws on it)',
    setup: {
      faults: [
        on(SCAN, { kind: 'patch', patch: { imageScanStatus: { status: { toString: {} } } } }),
      ],
    },
    expect: { code: 1, result: 'fail', rules: ['scan-incomplete'], scanStatus: '{"toString":{}}' },
  },
  {
    id: 'ecr-wrong-type-tags',
    area: 'ECR',
    fault: 'DescribeImages: imageTags is the number 5',
    setup: { faults: [on(IMAGES, { kind: 'patch', patch: { imageDetails: [{ imageTags: 5 }] } })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'imageDetails[0].imageTags is 5, expected a list of text',
    },
  },
  {
    id: 'ecr-wrong-types-describe-images',
    area: 'ECR',
    fault: 'DescribeImages: imagePushedAt is text, imageDigest a number',
    setup: {
      faults: [
        on(IMAGES, {
          kind: 'patch',
          patch: { imageDetails: [{ imageDigest: 42, imagePushedAt: 'yesterday' }] },
        }),
      ],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'with a response that could not be read',
    },
  },
  {
    id: 'ecr-empty-pages-with-token',
    area: 'ECR',
    fault: 'Empty findings pages that keep handing out a new nextToken',
    setup: {
      faults: [
        on(SCAN, { kind: 'patch', calls: [1], patch: { nextToken: 'page-1' } }),
        on(SCAN, { kind: 'respond', from: 2, body: EMPTY_PAGE }),
      ],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['medium', 'scan-incomplete'],
      scanStatus: 'FINDINGS_INCOMPLETE',
      log: 'empty pages in a row',
    },
  },
  {
    id: 'ecr-repeating-token',
    area: 'ECR',
    fault: 'Every findings page hands back the same nextToken',
    setup: {
      faults: [
        on(SCAN, { kind: 'patch', calls: [1], patch: { nextToken: 'same' } }),
        on(SCAN, {
          kind: 'respond',
          from: 2,
          body: {
            imageScanStatus: { status: 'COMPLETE' },
            imageScanFindings: { findings: [{ name: 'CVE-2024-0003', severity: 'LOW' }] },
            nextToken: 'same',
          },
        }),
      ],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['medium', 'low', 'scan-incomplete'],
      scanStatus: 'FINDINGS_INCOMPLETE',
      log: 'repeated a pagination token',
    },
  },
  {
    id: 'ecr-status-complete',
    area: 'ECR',
    fault: 'Scan status COMPLETE after PENDING and IN_PROGRESS',
    setup: {
      scan: {
        timeline: [
          { status: 'PENDING', forMs: 800 },
          { status: 'IN_PROGRESS', forMs: 800 },
          { status: 'COMPLETE' },
        ],
        findings: [{ name: 'CVE-2024-0001', severity: 'MEDIUM' }],
      },
    },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-status-active',
    area: 'ECR',
    fault: 'Enhanced scan status ACTIVE (continuous scanning)',
    setup: {
      scanType: 'ENHANCED',
      scan: {
        timeline: [{ status: 'ACTIVE' }],
        enhancedFindings: enhancedFindings(3, { MEDIUM: 1 }, { repository: 'app' }),
      },
    },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'ACTIVE' },
  },
  {
    id: 'ecr-status-pending-forever',
    area: 'ECR',
    fault: 'Scan status PENDING for longer than scan-timeout',
    setup: { scan: { timeline: [{ status: 'PENDING' }] } },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'last status PENDING',
    },
  },
  {
    id: 'ecr-status-in-progress-forever',
    area: 'ECR',
    fault: 'Scan status IN_PROGRESS for longer than scan-timeout',
    setup: { scan: { timeline: [{ status: 'IN_PROGRESS' }] } },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'last status IN_PROGRESS',
    },
  },
  status('ecr-status-failed', 'FAILED', 'Scan status FAILED'),
  status('ecr-status-unsupported-image', 'UNSUPPORTED_IMAGE', 'Scan status UNSUPPORTED_IMAGE'),
  status(
    'ecr-status-eligibility-expired',
    'SCAN_ELIGIBILITY_EXPIRED',
    'Scan status SCAN_ELIGIBILITY_EXPIRED',
  ),
  status(
    'ecr-status-findings-unavailable',
    'FINDINGS_UNAVAILABLE',
    'Scan status FINDINGS_UNAVAILABLE',
  ),
  status('ecr-status-limit-exceeded', 'LIMIT_EXCEEDED', 'Scan status LIMIT_EXCEEDED'),
  status('ecr-status-image-archived', 'IMAGE_ARCHIVED', 'Scan status IMAGE_ARCHIVED'),
  {
    id: 'ecr-status-unknown',
    area: 'ECR',
    fault: 'A scan status no version of ECR documents (QUANTUM_ENTANGLED)',
    setup: {
      faults: [
        on(SCAN, { kind: 'patch', patch: { imageScanStatus: { status: 'QUANTUM_ENTANGLED' } } }),
      ],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'QUANTUM_ENTANGLED',
      log: '(QUANTUM_ENTANGLED)',
    },
  },
  {
    id: 'ecr-no-scan-start-works',
    area: 'ECR',
    fault: 'ScanNotFound; StartImageScan is allowed and starts one',
    setup: {
      scan: {
        timeline: [{ status: 'NOT_FOUND' }],
        findings: [{ name: 'CVE-2024-0001', severity: 'MEDIUM' }],
      },
    },
    // StartImageScan waits a third of scan-timeout first; room for the scan it starts.
    inputs: { 'scan-timeout': '12' },
    expect: {
      code: 0,
      result: 'warn',
      rules: ['medium'],
      scanStatus: 'COMPLETE',
      log: 'started a basic scan with StartImageScan',
    },
  },
  {
    id: 'ecr-no-scan-start-denied',
    area: 'ECR',
    fault: 'ScanNotFound forever; AccessDenied on StartImageScan',
    setup: {
      scan: { timeline: [{ status: 'NOT_FOUND' }] },
      faults: [on('StartImageScan', { kind: 'accessDenied' })],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'NOT_FOUND',
      log: 'StartImageScan was not allowed',
    },
  },
  {
    id: 'ecr-no-scan-start-fails',
    area: 'ECR',
    fault: 'ScanNotFound; the scan StartImageScan starts ends FAILED',
    setup: { scan: { timeline: [{ status: 'NOT_FOUND' }], afterStart: [{ status: 'FAILED' }] } },
    expect: { code: 1, result: 'fail', rules: ['scan-incomplete'], scanStatus: 'FAILED' },
  },
  {
    id: 'ecr-denied-describe-images',
    area: 'ECR',
    fault: 'AccessDenied on DescribeImages',
    setup: { faults: [on(IMAGES, { kind: 'accessDenied' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'AWS denied ecr:DescribeImages',
    },
  },
  {
    id: 'ecr-denied-batch-get-image',
    area: 'ECR',
    fault: 'AccessDenied on BatchGetImage (multi-platform image index)',
    setup: { multiArch: true, faults: [on('BatchGetImage', { kind: 'accessDenied' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'AWS denied ecr:BatchGetImage',
    },
  },
  {
    id: 'ecr-denied-scan-findings',
    area: 'ECR',
    fault: 'AccessDenied on DescribeImageScanFindings',
    setup: { faults: [on(SCAN, { kind: 'accessDenied' })] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'AWS denied ecr:DescribeImageScanFindings',
    },
  },
  {
    id: 'ecr-denied-audit-mode',
    area: 'ECR',
    fault: 'AccessDenied on DescribeImageScanFindings, mode audit',
    setup: { faults: [on(SCAN, { kind: 'accessDenied' })] },
    inputs: { mode: 'audit' },
    expect: {
      code: 0,
      result: 'fail',
      rules: [],
      error: true,
      log: 'AWS denied ecr:DescribeImageScanFindings',
    },
  },
  {
    id: 'ecr-expired-credentials',
    area: 'ECR',
    fault: 'ExpiredTokenException on every call',
    setup: { faults: [{ kind: 'expiredToken' }] },
    expect: {
      code: 1,
      result: 'fail',
      rules: [],
      error: true,
      log: 'AWS rejected the credentials used for ecr:DescribeImages',
    },
  },
  {
    id: 'ecr-signature-expired-once',
    area: 'ECR',
    fault: 'Clock skew: first call answered InvalidSignatureException "Signature expired"',
    setup: {
      faults: [
        on(IMAGES, {
          kind: 'error',
          count: 1,
          errorType: 'InvalidSignatureException',
          message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z',
        }),
      ],
    },
    expect: { code: 0, result: 'warn', rules: ['medium'] },
  },
  {
    id: 'ecr-unmodelled-error',
    area: 'ECR',
    fault: 'An error the SDK does not model (KmsException) on DescribeImageScanFindings',
    setup: {
      faults: [on(SCAN, { kind: 'error', errorType: 'KmsException', message: 'kms says no' })],
    },
    expect: { code: 1, result: 'fail', rules: [], error: true, log: 'KmsException' },
  },
  {
    id: 'ecr-slow-but-healthy',
    area: 'ECR',
    fault: 'Every ECR call takes 1.5 s',
    setup: { faults: [{ kind: 'latency', service: 'ecr', latencyMs: 1500 }] },
    expect: { code: 0, result: 'warn', rules: ['medium'], scanStatus: 'COMPLETE' },
  },
  // Issue 18 §2 / §4.5 and issue 19 §3: answers that passed with exit 0 or held the step.
  {
    id: 'ecr-enhanced-complete-before-findings',
    area: 'ECR',
    fault:
      'Enhanced COMPLETE with only {"findings": []}; the 2 HIGH findings arrive 3 s later (aws/aws-sdk#289)',
    setup: {
      scanType: 'ENHANCED',
      scan: {
        timeline: [{ status: 'COMPLETE' }],
        enhancedFindings: enhancedFindings(2, { HIGH: 1 }, { repository: 'app' }),
        findingsAfterMs: 3_000,
      },
    },
    inputs: { 'scan-settle-seconds': '5' },
    expect: { code: 1, result: 'fail', rules: ['high'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-registry-scanning-config-denied',
    area: 'ECR',
    fault: 'AccessDenied on GetRegistryScanningConfiguration; enhanced ACTIVE before its findings',
    setup: {
      scanType: 'ENHANCED',
      scan: {
        timeline: [{ status: 'ACTIVE' }],
        enhancedFindings: enhancedFindings(1, { CRITICAL: 1 }, { repository: 'app' }),
        findingsAfterMs: 2_000,
      },
      faults: [on(REGISTRY_CONFIG, { kind: 'accessDenied' })],
    },
    inputs: { 'scan-settle-seconds': '4' },
    expect: { code: 1, result: 'fail', rules: ['critical'], scanStatus: 'ACTIVE' },
  },
  {
    id: 'ecr-unknown-severity',
    area: 'ECR',
    fault: 'A finding with severity "SEVERE" (a word ECR does not document)',
    setup: {
      faults: [
        on(SCAN, {
          kind: 'respond',
          body: {
            imageScanStatus: { status: 'COMPLETE' },
            imageScanFindings: { findings: [{ name: 'CVE-2024-9', severity: 'SEVERE' }] },
          },
        }),
      ],
    },
    // The entry stays in the report (as UNDEFINED); the read fails closed on it.
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete', 'undefined'],
      scanStatus: 'FINDINGS_INCOMPLETE',
      log: "'SEVERE'",
    },
  },
  {
    id: 'ecr-complete-without-findings',
    area: 'ECR',
    fault: 'COMPLETE with no imageScanFindings at all, every time',
    setup: {
      faults: [on(SCAN, { kind: 'respond', body: { imageScanStatus: { status: 'COMPLETE' } } })],
    },
    expect: {
      code: 1,
      result: 'fail',
      rules: ['scan-incomplete'],
      scanStatus: 'TIMEOUT',
      log: 'COMPLETE with no imageScanFindings',
    },
  },
  {
    id: 'ecr-counts-without-findings',
    area: 'ECR',
    fault: 'findingSeverityCounts says CRITICAL: 3, no finding is returned, also on re-read',
    setup: {
      faults: [
        on(SCAN, {
          kind: 'respond',
          body: {
            imageScanStatus: { status: 'COMPLETE' },
            imageScanFindings: { findings: [], findingSeverityCounts: { CRITICAL: 3 } },
          },
        }),
      ],
    },
    expect: { code: 1, result: 'fail', rules: ['critical'], scanStatus: 'COMPLETE' },
  },
  {
    id: 'ecr-start-scan-quota',
    area: 'ECR',
    fault: 'Never scanned; StartImageScan refused with LimitExceededException',
    setup: {
      scan: null,
      faults: [
        on('StartImageScan', {
          kind: 'error',
          errorType: 'LimitExceededException',
          message: 'The scan quota per image has been exceeded.',
        }),
      ],
    },
    expect: { code: 1, result: 'fail', rules: ['scan-incomplete'], scanStatus: 'NOT_FOUND' },
  },
];
