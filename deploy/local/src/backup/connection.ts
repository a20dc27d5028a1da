import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectNats } from '@dew/messaging';
import { startNatsServer } from '@dew/nats-server';
import { natsPasswordFor } from '../nats-users.js';
import { refuseWhileRunning } from '../root-key/migrate.js';
import type { RunnerSettings } from '../settings.js';
import type { TransferProgress } from './progress.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** The NATS user of `dew backup` and `dew restore`: stream snapshots and restores, nothing else (docs/bus-security.md). */
export const BACKUP_USER = 'backup';

export function connectAsBackup(s: RunnerSettings, env: Env, servers: string): Promise<NatsConnection> {
  return connectNats({ servers, user: BACKUP_USER, pass: natsPasswordFor(BACKUP_USER, s.dataDir, env), name: 'dew-backup' });
}

const refused = (err: unknown): boolean => /ECONNREFUSED|CONNECTION_REFUSED|connection refused/i.test(`${(err as Error).message} ${String((err as { code?: unknown }).code ?? '')}`);

/**
 * Runs `use` on a connection to the running system (online), or — nothing answering and a
 * stopped single-node data dir here — on its nats-server started alone for the backup (offline:
 * nothing writes, so the backup is one consistent cut; docs/backup.md, "Consistency").
 */
export async function withBackupConnection<T>(s: RunnerSettings, env: Env, progress: TransferProgress, use: (nc: NatsConnection, mode: 'online' | 'offline') => Promise<T>): Promise<T> {
  const servers = env.DEW_NATS_URL ?? (s.cluster ? s.cluster.clientPorts.map((p) => `nats://${s.natsHost}:${p}`).join(',') : `nats://${s.natsHost}:${s.natsPort}`);
  let nc: NatsConnection;
  try {
    nc = await connectAsBackup(s, env, servers);
  } catch (err) {
    const natsDir = join(s.dataDir, 'nats');
    const configPath = join(natsDir, 'nats.conf');
    if (!refused(err) || env.DEW_NATS_URL !== undefined || s.cluster || !existsSync(configPath)) throw new Error(`cannot reach DEW's NATS at ${servers}: ${(err as Error).message}`);
    refuseWhileRunning(natsDir);
    progress.line(`DEW is not running: starting its nats-server alone on ${s.dataDir} (offline backup)`);
    const nats = await startNatsServer({ configPath, logFile: join(s.dataDir, 'logs', 'nats-server.log'), binary: s.natsBinary });
    try {
      const offline = await connectAsBackup(s, env, servers);
      try {
        return await use(offline, 'offline');
      } finally {
        await offline.close();
      }
    } finally {
      await nats.stop();
    }
  }
  try {
    return await use(nc, 'online');
  } finally {
    await nc.close();
  }
}
