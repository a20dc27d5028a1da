import { SERVICE_NAMES, connectNats } from '@dew/messaging';
import { formatReport, replay } from '@dew/read-models';
import { natsPasswordFor } from './nats-users.js';
import type { RunnerSettings } from './settings.js';

/**
 * `dew replay` against a running system: connects as the `replay` NATS user (read-only on the
 * streams), prints the report and returns the exit code: 0 identical, 1 different.
 */
export async function runReplay(settings: RunnerSettings, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const pass = natsPasswordFor('replay', settings.dataDir, env);
  const nc = await connectNats({ servers: env.DEW_NATS_URL ?? `nats://${settings.natsHost}:${settings.natsPort}`, user: 'replay', pass, name: 'dew-replay' });
  try {
    const report = await replay(nc, SERVICE_NAMES);
    console.log(formatReport(report));
    return report.identical ? 0 : 1;
  } finally {
    await nc.close();
  }
}
