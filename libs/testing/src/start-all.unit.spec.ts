import { startAll } from './start-all.js';

test('startAll when building fails stops every part started so far, newest first, and rethrows the failure', async () => {
  const stopped: string[] = [];
  const failure = new Error('the second node never became active');
  await expect(startAll(async (started) => {
    started('nats', (p) => stopped.push(p));
    started('appliance', async (p) => { stopped.push(p); });
    throw failure;
  })).rejects.toBe(failure);
  expect(stopped).toEqual(['appliance', 'nats']);
});

test('startAll when one stop fails still stops the older parts and rethrows the build failure, not the stop failure', async () => {
  const stopped: string[] = [];
  await expect(startAll(async (started) => {
    started('nats', (p) => stopped.push(p));
    started('bridge', () => { throw new Error('already gone'); });
    throw new Error('no pkcs11-serving');
  })).rejects.toThrow('no pkcs11-serving');
  expect(stopped).toEqual(['nats']);
});

test('startAll when building succeeds stops nothing and returns the fixture', async () => {
  const stopped: string[] = [];
  const fixture = await startAll(async (started) => ({ nats: started('nats', (p) => stopped.push(p)) }));
  expect(fixture).toEqual({ nats: 'nats' });
  expect(stopped).toEqual([]);
});
