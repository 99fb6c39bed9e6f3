// GetRegistryScanningConfiguration as the emulator models it: the caller's own registry only,
// ENHANCED when any of its repositories is, refusable with an accessDenied fault.
import { GetRegistryScanningConfigurationCommand } from '@aws-sdk/client-ecr';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { ACCOUNT, ecrClient, rejectionOf, scenario } from './kit.js';

const running: Emulator[] = [];
afterAll(async () => {
  for (const emulator of running) await emulator.close();
});

async function start(overrides: Parameters<typeof scenario>[0]): Promise<Emulator> {
  const emulator = await startEmulator(scenario(overrides));
  running.push(emulator);
  return emulator;
}

test('a registry with only basic repositories answers BASIC for its own account', async () => {
  const emulator = await start({ repositories: [{ name: 'app' }] });
  const out = await ecrClient(emulator).send(new GetRegistryScanningConfigurationCommand({}));
  expect(out.registryId).toBe(ACCOUNT);
  expect(out.scanningConfiguration?.scanType).toBe('BASIC');
});

test('an enhanced repository makes the registry ENHANCED, listing it as a continuous-scan filter', async () => {
  const emulator = await start({
    repositories: [
      { name: 'app' },
      { name: 'inspected', scanType: 'ENHANCED' },
      // Another account's registry does not change the caller's configuration.
      { name: 'shared', registryId: '999999999999', scanType: 'BASIC' },
    ],
  });
  const out = await ecrClient(emulator).send(new GetRegistryScanningConfigurationCommand({}));
  expect(out.scanningConfiguration?.scanType).toBe('ENHANCED');
  expect(out.scanningConfiguration?.rules?.[0]).toEqual({
    scanFrequency: 'CONTINUOUS_SCAN',
    repositoryFilters: [{ filter: 'inspected', filterType: 'WILDCARD' }],
  });
});

test('an accessDenied fault refuses it as AWS does', async () => {
  const emulator = await start({
    faults: [{ kind: 'accessDenied', operation: 'GetRegistryScanningConfiguration' }],
  });
  const error = await rejectionOf(
    ecrClient(emulator).send(new GetRegistryScanningConfigurationCommand({})),
  );
  expect(error.name).toBe('AccessDeniedException');
});
