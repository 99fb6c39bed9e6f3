// Fault corpus, CloudTrail side, through the committed bundle (docs/reliability.md lists the cases).
import { CLOUDTRAIL_CASES } from './fault-cases.js';
import { faultSuite } from './fault-suite.js';

faultSuite(CLOUDTRAIL_CASES);
