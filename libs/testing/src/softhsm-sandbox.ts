import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Jest globalSetup of the integration tests: a SoftHSM2 configuration with a token directory of
 * the run's own, in the real process environment (what SoftHSM's native `getenv` reads; a test's
 * `process.env` is a copy it never sees). A spec that loads SoftHSM in-process then never writes
 * into the system's token directory (/var/lib/softhsm/tokens). Node processes the specs start get
 * their own SOFTHSM2_CONF (docs/hsm-appliance.md) and are not affected.
 */
export default function setUpSoftHsmSandbox(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dew-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens, { mode: 0o700 });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`, { mode: 0o600 });
  process.env['SOFTHSM2_CONF'] = conf;
  // The run's tokens go with the run (the Jest process that ran this setup).
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
}
