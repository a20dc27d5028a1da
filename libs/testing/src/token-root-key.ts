import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
