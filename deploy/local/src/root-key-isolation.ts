import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RootKeySettings } from '@dew/crypto';
import { P11KitServer } from '@dew/hsm-client';

/** DEW_PKCS11_ISOLATION: where the token's module runs (docs/architecture.md "Where the key's bytes are"). */
export type RootKeyIsolation = 'none' | 'p11-kit';
export const ROOT_KEY_ISOLATIONS: readonly RootKeyIsolation[] = ['none', 'p11-kit'];

/** Debian's p11-kit-modules; DEW_P11_KIT_CLIENT_MODULE names another path. */
export const P11_KIT_CLIENT_MODULE = '/usr/lib/x86_64-linux-gnu/pkcs11/p11-kit-client.so';

export interface IsolatedRootKey {
  /** The root key settings of every DEW process: the client module in place of the token's. */
  readonly rootKey: RootKeySettings;
  /** What the services get instead of SOFTHSM2_CONF: where the client module finds the server. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  readonly serverPid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Runs the root key's token module in a process of its own: one `p11-kit server` over the token
 * (the only process that loads SoftHSM), its socket in a private 0700 temporary directory (a deep
 * data dir would pass the 107-byte unix socket limit), and every DEW process, the runner first,
 * loading p11-kit's client module instead. The server's environment holds PATH and SOFTHSM2_CONF
 * only, never the PIN; it dies with the runner (`setpriv --pdeathsig KILL`).
 */
export async function isolateRootKey(rootKey: RootKeySettings, env: Readonly<Record<string, string | undefined>>): Promise<IsolatedRootKey> {
  if (rootKey.provider !== 'pkcs11') throw new Error(`DEW_PKCS11_ISOLATION=p11-kit needs DEW_ROOT_KEY_PROVIDER=pkcs11, got ${rootKey.provider}`);
  if (rootKey.tokenLabel === undefined) throw new Error('DEW_PKCS11_ISOLATION=p11-kit needs DEW_PKCS11_TOKEN_LABEL (p11-kit serves one token, named by its label)');
  const dir = mkdtempSync(join(tmpdir(), 'dew-root-p11-'));
  const socketPath = join(dir, 'p11-kit.sock');
  let server: P11KitServer;
  try {
    server = await P11KitServer.start({ socketPath, provider: rootKey.module, ...(env.SOFTHSM2_CONF ? { softhsmConf: env.SOFTHSM2_CONF } : {}), tokenLabel: rootKey.tokenLabel });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const address = `unix:path=${socketPath}`;
  // The runner opens the key through the server too: p11-kit's client reads the address from the real environment.
  process.env.P11_KIT_SERVER_ADDRESS = address;
  const client = env.DEW_P11_KIT_CLIENT_MODULE ?? P11_KIT_CLIENT_MODULE;
  return {
    rootKey: { ...rootKey, module: client },
    serviceEnv: { DEW_PKCS11_MODULE: client, P11_KIT_SERVER_ADDRESS: address },
    serverPid: server.pid,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
