import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Pkcs11RootKey, type RootKeySettings } from '@dew/crypto';
import { isolateRootKey, P11_KIT_CLIENT_MODULE } from './root-key-isolation.js';

// SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's globalSetup gave it a token
// directory of the run's own (libs/testing/src/softhsm-sandbox.ts). p11-kit's client reads
// P11_KIT_SERVER_ADDRESS from the real environment too, which a Jest test cannot set: the isolated
// side runs in a process of its own, on the built @dew/crypto (`npm run build` first).
const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const TOKEN = `dew-iso-${randomBytes(4).toString('hex')}`;
const PIN = '13572468';
const direct = { provider: 'pkcs11', module: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: TOKEN, pin: PIN, keyLabel: 'dew-root' } as const;

const THROUGH_P11_KIT = `import { Pkcs11RootKey } from '@dew/crypto';
const [blob, entry] = JSON.parse(await new Promise((r) => { let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => r(s)); }));
const root = Pkcs11RootKey.open({ module: process.env.DEW_PKCS11_MODULE, tokenLabel: process.env.TOKEN, pin: process.env.PIN, keyLabel: 'dew-root' }, false);
const opened = (await root.unwrap(Buffer.from(blob, 'hex'), 'keyring:owner-1')).toString('hex');
const otherBinding = await root.unwrap(Buffer.from(blob, 'hex'), 'keyring:owner-2').then(() => 'opened', (e) => e.message);
const wrapped = (await root.wrap(Buffer.from(entry, 'hex'), 'keyring:owner-1')).toString('hex');
root.close();
console.log(JSON.stringify({ mechanism: root.mechanism, opened, otherBinding, wrapped }));`;

beforeAll(() => {
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '97531'], { stdio: 'ignore' });
  Pkcs11RootKey.open(direct, true).close();
});

describe('root key isolation through p11-kit server (DEW_PKCS11_ISOLATION=p11-kit)', () => {
  test('a blob wrapped in-process opens through p11-kit (GCM over the token\'s ECB) and the reverse; another binding fails', async () => {
    const isolated = await isolateRootKey(direct, process.env);
    const socketDir = dirname(isolated.serviceEnv.P11_KIT_SERVER_ADDRESS!.replace(/^unix:path=/, ''));
    try {
      expect(isolated.rootKey).toEqual({ ...direct, module: P11_KIT_CLIENT_MODULE });
      expect(statSync(socketDir).mode & 0o777).toBe(0o700);
      const inProcess = Pkcs11RootKey.open(direct, false);
      try {
        const entryA = randomBytes(32);
        const entryB = randomBytes(32);
        const blobA = await inProcess.wrap(entryA, 'keyring:owner-1');
        const out = execFileSync(process.execPath, ['--input-type=module', '-e', THROUGH_P11_KIT], {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? '', ...isolated.serviceEnv, TOKEN, PIN },
          input: JSON.stringify([blobA.toString('hex'), entryB.toString('hex')]),
        });
        const r = JSON.parse(out.toString()) as { mechanism: string; opened: string; otherBinding: string; wrapped: string };
        expect(inProcess.mechanism).toBe('CKM_AES_GCM');
        expect(r.mechanism).toBe('CKM_AES_ECB');
        expect(r.opened).toBe(entryA.toString('hex'));
        expect(r.otherBinding).toMatch(/authentication failed/);
        const blobB = Buffer.from(r.wrapped, 'hex');
        expect(blobB[0]).toBe(0x02);
        expect((await inProcess.unwrap(blobB, 'keyring:owner-1')).equals(entryB)).toBe(true);
      } finally {
        inProcess.close();
      }
    } finally {
      await isolated.stop();
    }
    expect(existsSync(socketDir)).toBe(false);
  });

  test('isolation without a token label or on the file provider is refused, naming the setting', async () => {
    const { tokenLabel: _label, ...bySlot } = direct;
    await expect(isolateRootKey({ ...bySlot, slot: 0 }, process.env)).rejects.toThrow('DEW_PKCS11_ISOLATION=p11-kit needs DEW_PKCS11_TOKEN_LABEL');
    const file: RootKeySettings = { provider: 'file', file: '/nonexistent/root.key' };
    await expect(isolateRootKey(file, process.env)).rejects.toThrow('DEW_PKCS11_ISOLATION=p11-kit needs DEW_ROOT_KEY_PROVIDER=pkcs11, got file');
  });
});
