import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { findFreePort, renderNatsConfig, startNatsServer } from '@dew/nats-server';

export interface StoreCopy {
  readonly nc: NatsConnection;
  stop(): Promise<void>;
}

/**
 * What an attacker with a copy of the stream files would see: the store copied aside and served
 * by a fresh nats-server without any DEW credentials.
 */
export async function openStoreCopy(storeDir: string): Promise<StoreCopy> {
  const dir = mkdtempSync(join(tmpdir(), 'dew-store-copy-'));
  cpSync(storeDir, join(dir, 'store'), { recursive: true });
  const port = await findFreePort();
  const configPath = join(dir, 'nats.conf');
  writeFileSync(configPath, renderNatsConfig({ host: '127.0.0.1', port, storeDir: join(dir, 'store') }));
  const server = await startNatsServer({ configPath });
  const nc = await connect({ servers: `nats://127.0.0.1:${port}`, reconnect: false });
  return {
    nc,
    async stop() {
      await nc.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when any file under `dir` contains `needle` (raw bytes). */
export function filesContain(dir: string, needle: Uint8Array): boolean {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (filesContain(path, needle)) return true;
    } else if (readFileSync(path).includes(Buffer.from(needle))) {
      return true;
    }
  }
  return false;
}
