import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import type * as P11 from 'pkcs11js';
import { Pkcs11RootKey, RootKeyTokenError, TOKEN_WRAP_VERSION, type Pkcs11RootKeySettings } from './root-key-pkcs11.js';
import { openRootKey, rootKeySettingsFromEnv } from './root-key-settings.js';

// SoftHSM reads SOFTHSM2_CONF from the real environment: the int run's globalSetup gave it a token
// directory of the run's own (libs/testing/src/softhsm-sandbox.ts).
const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const TOKEN = `dew-root-${randomBytes(4).toString('hex')}`;
const PIN = '24681357';
const settings: Pkcs11RootKeySettings = { module: MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'dew-root' };
const lib = createRequire(import.meta.url)('pkcs11js') as typeof P11;

beforeAll(() => {
  expect(process.env['SOFTHSM2_CONF']).toMatch(/dew-softhsm-/);
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '97531'], { stdio: 'ignore' });
});

describe('pkcs11 root key on SoftHSM2', () => {
  test('a token-wrapped entry opens with its binding and its version byte names the token format; another binding fails', async () => {
    const root = Pkcs11RootKey.open(settings, true);
    try {
      const entry = randomBytes(32);
      const wrapped = await root.wrap(entry, 'keyring:owner-1');
      expect(wrapped[0]).toBe(TOKEN_WRAP_VERSION);
      expect(wrapped.length).toBe(1 + 12 + 32 + 16);
      expect((await root.unwrap(wrapped, 'keyring:owner-1')).equals(entry)).toBe(true);
      await expect(root.unwrap(wrapped, 'keyring:owner-2')).rejects.toThrow(/authentication failed/);
      expect(root.description).toBe(`pkcs11:token ${TOKEN}/key=dew-root`);
    } finally {
      root.close();
    }
  });

  test('the root key object is sensitive, not extractable, encrypt/decrypt only, and reading its CKA_VALUE is refused', () => {
    Pkcs11RootKey.open(settings, true).close();
    const p11 = new lib.PKCS11();
    p11.load(MODULE);
    p11.C_Initialize();
    try {
      const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === TOKEN);
      if (slot === undefined) throw new Error('token vanished');
      const session = p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
      p11.C_Login(session, lib.CKU_USER, PIN);
      p11.C_FindObjectsInit(session, [{ type: lib.CKA_LABEL, value: 'dew-root' }]);
      const keys = p11.C_FindObjects(session, 8);
      p11.C_FindObjectsFinal(session);
      expect(keys).toHaveLength(1);
      const key = keys[0] as P11.Handle;
      const flags = p11.C_GetAttributeValue(session, key, [lib.CKA_EXTRACTABLE, lib.CKA_SENSITIVE, lib.CKA_TOKEN, lib.CKA_ENCRYPT, lib.CKA_DECRYPT, lib.CKA_WRAP, lib.CKA_SIGN, lib.CKA_DERIVE].map((type) => ({ type })));
      expect(flags.map((a) => (a.value as Buffer)[0])).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
      const [length] = p11.C_GetAttributeValue(session, key, [{ type: lib.CKA_VALUE_LEN }]);
      expect(Number((length?.value as Buffer).readBigUInt64LE(0))).toBe(32);
      let refusal: unknown;
      try {
        p11.C_GetAttributeValue(session, key, [{ type: lib.CKA_VALUE }]);
      } catch (err) {
        refusal = err;
      }
      expect((refusal as { code?: number }).code).toBe(lib.CKR_ATTRIBUTE_SENSITIVE);
    } finally {
      p11.C_Finalize();
    }
  });

  test('a second process given the same settings finds the key by label and opens what the first wrapped', async () => {
    const root = Pkcs11RootKey.open(settings, true);
    const wrapped = await root.wrap(Buffer.from('entry of owner-9'), 'keyring:owner-9');
    root.close();
    const script = `import { openRootKey, rootKeySettingsFromEnv } from '@dew/crypto';
const r = openRootKey(rootKeySettingsFromEnv(process.env, ''), false);
process.stdout.write(JSON.stringify({ created: r.created, description: r.provider.description, plain: (await r.provider.unwrap(Buffer.from(process.env.BLOB, 'base64'), 'keyring:owner-9')).toString() }));
r.close();`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DEW_ROOT_KEY_PROVIDER: 'pkcs11', DEW_PKCS11_MODULE: MODULE, DEW_PKCS11_TOKEN_LABEL: TOKEN, DEW_PKCS11_PIN: PIN, BLOB: wrapped.toString('base64') },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual({ created: false, description: `pkcs11:token ${TOKEN}/key=dew-root (root key version 1)`, plain: 'entry of owner-9' });
  });

  test('a wrong PIN is refused at open with a message naming the token and not holding the PIN', () => {
    const wrongPin = '99999999';
    let error: unknown;
    try {
      Pkcs11RootKey.open({ ...settings, pin: wrongPin }, true);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RootKeyTokenError);
    expect((error as Error).message).toBe(`the PIN for token ${TOKEN} is wrong (DEW_PKCS11_PIN_FILE / DEW_PKCS11_PIN)`);
    expect((error as Error).message).not.toContain(wrongPin);
    expect((error as Error).message).not.toContain(PIN);
    // The refused open left the module usable: the right PIN still opens.
    Pkcs11RootKey.open(settings, false).close();
  });

  test('an unknown token label and a missing key label are startup errors naming the setting', () => {
    expect(() => Pkcs11RootKey.open({ ...settings, tokenLabel: 'no-such-token' }, true)).toThrow(/no token labelled no-such-token .*\(DEW_PKCS11_TOKEN_LABEL\)/);
    expect(() => openRootKey({ provider: 'pkcs11', ...settings, keyLabel: 'absent' }, false)).toThrow(`token ${TOKEN} holds no key labelled absent (DEW_PKCS11_KEY_LABEL)`);
  });

  test('settings: pkcs11 needs a module, a token and a PIN; an unknown provider is named', () => {
    expect(() => rootKeySettingsFromEnv({ DEW_ROOT_KEY_PROVIDER: 'pkcs11' }, 'f')).toThrow(/DEW_PKCS11_MODULE/);
    expect(() => rootKeySettingsFromEnv({ DEW_ROOT_KEY_PROVIDER: 'pkcs11', DEW_PKCS11_MODULE: MODULE }, 'f')).toThrow(/DEW_PKCS11_TOKEN_LABEL or DEW_PKCS11_SLOT/);
    expect(() => rootKeySettingsFromEnv({ DEW_ROOT_KEY_PROVIDER: 'pkcs11', DEW_PKCS11_MODULE: MODULE, DEW_PKCS11_SLOT: '0' }, 'f')).toThrow(/DEW_PKCS11_PIN_FILE \(or DEW_PKCS11_PIN\)/);
    expect(() => rootKeySettingsFromEnv({ DEW_ROOT_KEY_PROVIDER: 'hsm' }, 'f')).toThrow('DEW_ROOT_KEY_PROVIDER must be one of file, env, pkcs11, got "hsm"');
    expect(rootKeySettingsFromEnv({}, '/d/root.key')).toEqual({ provider: 'file', file: '/d/root.key' });
    expect(rootKeySettingsFromEnv({ DEW_ROOT_KEY: 'eA==' }, '/d/root.key')).toEqual({ provider: 'env', base64: 'eA==' });
  });
});
