import { TEST_USER_PIN } from '../test/appliance.js';
import { pkcs11ToolViaBridge } from '../test/pkcs11-tool.js';
import { startP11Fixture, stopP11Fixture, type P11Fixture } from '../test/p11-fixture.js';

const CHANGED_PIN = 'changed-by-an-application';

let f: P11Fixture;

beforeAll(async () => {
  f = await startP11Fixture('pin1');
}, 60_000);

afterAll(async () => {
  await stopP11Fixture(f);
});

const p11 = (args: readonly string[], pin: string) => pkcs11ToolViaBridge(f.bridge.socketPath, args, pin);

test('a user PIN an application changed through the bridge (C_SetPIN) is set back when the node restarts: the restarted node reports it without the PIN, takes over, and the sealed PIN logs in again', async () => {
  await p11(['--change-pin', '--new-pin', CHANGED_PIN], f.pin);
  await expect(p11(['--list-objects'], f.pin)).rejects.toThrow('CKR_PIN_INCORRECT');
  expect(await p11(['--list-objects'], CHANGED_PIN)).toContain('dew instance domain key');

  const changed = f.active;
  const other = f.hsm.nodes[changed.id === 'a' ? 'b' : 'a'];
  const killedAt = Date.now();
  changed.child.kill('SIGKILL');
  await other.waitFor('pkcs11-serving', killedAt, 15_000);
  const restarted = f.hsm.startNode(changed.id);
  const restored = await restarted.waitFor('token-pin-restored', killedAt, 20_000);
  expect(restored).toMatchObject({ node: changed.id, token: 'dew-hsm' });
  expect(JSON.stringify(restored)).not.toContain(TEST_USER_PIN);
  expect(JSON.stringify(restored)).not.toContain(CHANGED_PIN);
  await restarted.waitFor('domain-key-ready', killedAt, 20_000);

  const secondKill = Date.now();
  other.child.kill('SIGKILL');
  await restarted.waitFor('pkcs11-serving', secondKill, 15_000);
  expect(await p11(['--list-objects'], f.pin)).toContain('dew instance domain key');
  await expect(p11(['--list-objects'], CHANGED_PIN)).rejects.toThrow('CKR_PIN_INCORRECT');
}, 90_000);
