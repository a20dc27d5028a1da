import { connectNats, healthOfReplicas } from '@dew/messaging';
import { natsPasswordFor } from './nats-users.js';
import { SERVICES, processName, replicasOf } from './system.js';
import type { RunnerSettings } from './settings.js';

/** `dew health`: every process of every service of the running system, one line each (docs/architecture.md, "Cluster mode"). */
export async function printHealth(s: RunnerSettings, env: Readonly<Record<string, string | undefined>>): Promise<void> {
  const urls = s.cluster ? s.cluster.clientPorts.map((p) => `nats://${s.natsHost}:${p}`) : [`nats://${s.natsHost}:${s.natsPort}`];
  const nc = await connectNats({ servers: env.DEW_NATS_URL ?? urls.join(','), user: 'runner', pass: natsPasswordFor('runner', s.dataDir, env), name: 'dew-health' });
  try {
    for (const service of ['gateway', ...SERVICES]) {
      const expected = replicasOf(service, s);
      const answers = await healthOfReplicas(nc, service, expected).catch(() => []);
      for (let r = 1; r <= expected; r++) {
        const a = answers.find((x) => x.replica === r);
        console.log(`${processName(service, r, expected).padEnd(20)} ${a ? `ok   restarts ${a.restarts}, requests handled ${a.requestsHandled}` : 'not answering'}`);
      }
    }
  } finally {
    await nc.close();
  }
}
