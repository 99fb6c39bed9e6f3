// Fault corpus, ECR side, through the committed bundle (docs/reliability.md lists the cases).
import { ECR_CASES } from './fault-cases.js';
import { faultSuite } from './fault-suite.js';

faultSuite(ECR_CASES);
