/** The local ECR + CloudTrail emulator: see README.md beside this file. */
export {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RecordedRequest,
} from './server.js';
export { loadScenario, parseScenario, ScenarioError } from './load.js';
export * from './scenario.js';
export * from './builders.js';
export * from './delays.js';
