import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ControlCa } from '@dew/hsm-control';
import { testSecrets, TEST_SYSTEM_PIN, TEST_USER_PIN } from '../test/appliance.js';
import { prepareSoftHsm } from './token/softhsm-setup.js';

const MAIN = new URL('../dist/main.js', import.meta.url).pathname;

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'dew-hsm-layout-')); });
afterEach(async () => rm(dir, { recursive: true, force: true }));

test('a node whose token directory has the single-token layout (dew-hsm alone) does not start: it names the layout, adds no token, and prints no PIN', async () => {
  const { confPath, tokenDir } = await prepareSoftHsm(dir);
  // The layout before the system token: one token, as the node made it then (the PINs here are test values).
  await promisify(execFile)('softhsm2-util', ['--init-token', '--free', '--label', 'dew-hsm', '--so-pin', 'test-so-pin', '--pin', TEST_USER_PIN], {
    env: { PATH: process.env['PATH'], SOFTHSM2_CONF: confPath },
  });
  const child = spawn(process.execPath, [MAIN], {
    env: {
      PATH: process.env['PATH'], HSM_INSTANCE_ID: 'legacy', HSM_NODE_ID: 'a', HSM_NODE_ADDRESS: '127.31.250.10', HSM_FLOATING_ADDRESS: '127.31.250.12',
      HSM_PORT: '25696', HSM_DATA_DIR: dir, HSM_CONTROL_ADDRESS: '127.0.0.1:9',
      HSM_UKEY_PUBLIC_KEY: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { output += d.toString(); });
  child.stdin!.end(`${JSON.stringify(testSecrets(ControlCa.create(), 'legacy', 'a'))}\n`);
  const [code] = await once(child, 'exit') as [number | null];

  expect(code).not.toBe(0);
  expect(output).toContain("the token directory holds dew-hsm without dew-system: the single-token layout of an instance created before the node's keys had a token of their own, which cannot be opened; delete the instance and create another");
  expect(await readdir(tokenDir)).toHaveLength(1);
  for (const pin of [TEST_USER_PIN, TEST_SYSTEM_PIN, 'test-so-pin', 'test-system-so-pin']) expect(output).not.toContain(pin);
}, 30_000);
