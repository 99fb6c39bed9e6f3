// Fault corpus, GitHub side, through the committed bundle (docs/reliability.md lists the cases).
import { GITHUB_CASES } from './fault-cases.js';
import { faultSuite } from './fault-suite.js';

faultSuite(GITHUB_CASES);
