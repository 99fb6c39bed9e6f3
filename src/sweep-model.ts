// Types of sweep mode (issue 15): the seed search's upload rows and what a sweep read. Pure.
import type { RuleId, UploaderStatus } from './model.js';

/** One row of the seed search, with what the gate judged about it. */
export interface UploadRow {
  awsRegion: string;
  eventName: 'PutImage';
  eventSource: 'ecr.amazonaws.com';
  user: string;
  userName: string;
  src_ip: string;
  imageTag?: string;
  registryId: string;
  image: string;
  phase: 'release';
  severity: string;
  /** `%Y-%m-%dT%H:%M:%S`, UTC. */
  firstTime: string;
  lastTime: string;
  count: number;
  /** The stable principal (role ARN for assumed roles) the rules matched. */
  principal: string;
  status: UploaderStatus;
  /** Digests pushed by the events of this row, oldest first. */
  digests: string[];
  /** Rules that fired on this row. */
  rules: RuleId[];
}

/** What a sweep read and found (issue 15); absent for runs over named images. */
export interface SweepReport {
  /** As given, e.g. `70m..10m`. */
  window: string;
  start: string;
  end: string;
  regions: string[];
  /** Distinct PutImage events read (by eventID). */
  events: number;
  /** Events read more than once (overlapping windows or regions) and counted once. */
  duplicates: number;
  reads: Array<{
    region: string;
    complete: boolean;
    error: string | null;
    pages: number;
    pushes: number;
    malformed: number;
  }>;
  rows: UploadRow[];
}
