import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_NAMES, connectNats } from '@dew/messaging';
import { formatReport, replay } from '@dew/read-models';
import type { RunnerSettings } from './settings.js';

/**
 * `dew replay` against a running system: connects as the `replay` NATS user (read-only on the
 * streams), prints the report and returns the exit code: 0 identical, 1 different.
 */
export async function runReplay(settings: RunnerSettings, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const pass = env.DEW_NATS_PASS_REPLAY ?? (JSON.parse(readFileSync(join(settings.dataDir, 'nats', 'users.json'), 'utf8')) as Record<string, string>).replay;
  if (!pass) throw new Error(`no password for the NATS user "replay" in ${join(settings.dataDir, 'nats', 'users.json')}; start the system once with this version`);
  const nc = await connectNats({ servers: env.DEW_NATS_URL ?? `nats://${settings.natsHost}:${settings.natsPort}`, user: 'replay', pass, name: 'dew-replay' });
  try {
    const report = await replay(nc, SERVICE_NAMES);
    console.log(formatReport(report));
    return report.identical ? 0 : 1;
  } finally {
    await nc.close();
  }
}
