import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/**
 * A SoftHSM2 token for a DewSystem's root key (README "Root key in an HSM"): its own token
 * directory in `dir` (beside the data dir, never in it: a token's files are what an HSM keeps),
 * initialised with softhsm2-util as an operator would, the user PIN in a 0600 file. Returns the
 * environment that makes `make run` use the `pkcs11` provider on it.
 */
export function softHsmRootKeyEnv(dir: string, tokenLabel = 'dew-root-token'): Record<string, string> {
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { recursive: true, mode: 0o700 });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`, { mode: 0o600 });
  const pinFile = join(dir, 'user.pin');
  const pin = `${process.pid}${Date.now()}`.slice(-8);
  writeFileSync(pinFile, `${pin}\n`, { mode: 0o600 });
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', `${pin}0`], { env: { ...process.env, SOFTHSM2_CONF: conf }, stdio: 'ignore' });
  return {
    SOFTHSM2_CONF: conf,
    DEW_ROOT_KEY_PROVIDER: 'pkcs11',
    DEW_PKCS11_MODULE: SOFTHSM_MODULE,
    DEW_PKCS11_TOKEN_LABEL: tokenLabel,
    DEW_PKCS11_PIN_FILE: pinFile,
  };
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

// Run in a process of its own: SoftHSM reads SOFTHSM2_CONF from the real environment, which a
// Jest test cannot set. The value comes on stdin (never argv or the environment, both in /proc).
const PUT_KEY = `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rootKeyTemplate } from '@dew/crypto';
const lib = createRequire(process.cwd() + '/')('pkcs11js');
const value = readFileSync(0);
const p11 = new lib.PKCS11();
p11.load(process.env.DEW_PKCS11_MODULE);
p11.C_Initialize();
try {
  const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === process.env.DEW_PKCS11_TOKEN_LABEL);
  const session = p11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION | lib.CKF_RW_SESSION);
  p11.C_Login(session, lib.CKU_USER, readFileSync(process.env.DEW_PKCS11_PIN_FILE, 'utf8').trim());
  p11.C_CreateObject(session, [...rootKeyTemplate(lib, process.env.DEW_PKCS11_KEY_LABEL || 'dew-root'), { type: lib.CKA_VALUE, value }]);
  value.fill(0);
} finally {
  p11.C_Finalize();
}`;

/**
 * Puts a root key of known bytes into the token of `softHsmRootKeyEnv` (C_CreateObject with the
 * provider's own attributes: sensitive, not extractable), so a test can search for those bytes;
 * a system started on that environment then finds this key and creates none.
 */
export function putTokenRootKey(env: Readonly<Record<string, string>>, value: Uint8Array): void {
  execFileSync(process.execPath, ['--input-type=module', '-e', PUT_KEY], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, input: Buffer.from(value), stdio: ['pipe', 'ignore', 'pipe'] });
}
