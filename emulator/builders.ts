/** Helpers that build scenarios in code: findings, principals, CloudTrail records, images, presets. */
export {
  basicFindings,
  enhancedFindings,
  type EnhancedFindingOptions,
  type FindingOptions,
  type SeverityMix,
} from './builders/findings.js';
export {
  assumedRole,
  githubActionsRole,
  iamUser,
  principalArn,
  rootUser,
  ssoRole,
  type RoleOptions,
} from './builders/principals.js';
export {
  accountPushHistory,
  multiArchPushRecords,
  putImageRecord,
  type MultiArchPushOptions,
  type Push,
  type PushHistory,
  type PushHistoryOptions,
  type PutImageOptions,
} from './builders/cloudtrail.js';
export {
  multiArchImage,
  parsePlatform,
  platformManifest,
  singleImage,
  type MultiArchImage,
  type MultiArchOptions,
} from './builders/images.js';
export {
  SPLUNK_SCAN_FILE,
  SPLUNK_UPLOAD_FILE,
  splunkScanScenario,
  splunkUploadScenario,
  type SplunkScanOptions,
  type SplunkUploadOptions,
} from './builders/splunk.js';
export { digestOf } from './builders/random.js';
export { rawResponse, type RawResponseOptions } from './raw.js';
