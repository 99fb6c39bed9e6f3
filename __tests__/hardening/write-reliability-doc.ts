// Writes docs/reliability.md from the case tables: `npx tsx __tests__/hardening/write-reliability-doc.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DOC_PATH, renderReliabilityDoc } from './reliability-doc.js';

mkdirSync(dirname(DOC_PATH), { recursive: true });
writeFileSync(DOC_PATH, renderReliabilityDoc());
console.log(`wrote ${DOC_PATH}`);
