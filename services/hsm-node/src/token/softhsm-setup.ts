import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SoftHsmDir {
  /** The SOFTHSM2_CONF file the process must have in its environment before loading the library. */
  readonly confPath: string;
  readonly tokenDir: string;
}

/** A SoftHSM2 configuration of the node's own (its own token directory under `dataDir`). */
export async function prepareSoftHsm(dataDir: string): Promise<SoftHsmDir> {
  const tokenDir = join(dataDir, 'tokens');
  await mkdir(tokenDir, { recursive: true, mode: 0o700 });
  const confPath = join(dataDir, 'softhsm2.conf');
  await writeFile(confPath, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`, { mode: 0o600 });
  return { confPath, tokenDir };
}

