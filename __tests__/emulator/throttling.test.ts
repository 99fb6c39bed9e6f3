import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { startEmulator, type Emulator } from '../../emulator/server.js';
import { cloudTrailClient, manualClock, rejectionOf, scenario } from './kit.js';

const clock = manualClock();
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(scenario({ cloudTrail: { events: [] } }), { clock: clock.now });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset(scenario({ cloudTrail: { events: [] } })));

const lookup = (region?: string) =>
  cloudTrailClient(emulator, region ? { region } : {}).send(
    new LookupEventsCommand({
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutImage' }],
    }),
  );

test('a third LookupEvents within one second is throttled, by default', async () => {
  await lookup();
  await lookup();
  const error = await rejectionOf(lookup());
  expect(error.name).toBe('ThrottlingException');
  expect(error.$metadata?.httpStatusCode).toBe(400);
  expect(emulator.requests.map((r) => r.errorType)).toEqual([
    undefined,
    undefined,
    'ThrottlingException',
  ]);
});

test('the window slides: calls older than one second stop counting', async () => {
  await lookup();
  clock.advance(600);
  await lookup();
  clock.advance(399);
  expect((await rejectionOf(lookup())).name).toBe('ThrottlingException');
  clock.advance(1);
  await lookup(); // the first call left the window
  expect((await rejectionOf(lookup())).name).toBe('ThrottlingException');
});

test('each region has its own budget', async () => {
  await lookup();
  await lookup();
  await expect(lookup('us-east-1')).resolves.toBeDefined();
});

test('the rate is configurable and can be turned off', async () => {
  emulator.reset(scenario({ cloudTrail: { events: [], lookupsPerSecond: 3 } }));
  for (let i = 0; i < 3; i++) await lookup();
  expect((await rejectionOf(lookup())).name).toBe('ThrottlingException');
  emulator.reset(scenario({ cloudTrail: { events: [], lookupsPerSecond: 0 } }));
  for (let i = 0; i < 10; i++) await lookup();
  expect(emulator.count('LookupEvents')).toBe(10);
});
