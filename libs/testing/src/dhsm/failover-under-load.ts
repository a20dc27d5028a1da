import { join } from 'node:path';
import { activations, nodePid } from './node-processes.js';

export interface FailoverUnderLoad {
  /** The node killed (a or b). */
  readonly killed: string;
  /** From the kill to the first round that succeeded after the standby took over. */
  readonly resumedMs: number;
  readonly ok: number;
  readonly wrong: number;
  /** The messages of the rounds that threw (a failover invisible to callers leaves none). */
  readonly failures: readonly string[];
}

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `round` in a loop (true: a right answer, false: a wrong one, a throw: a failure), kills the
 * instance's active node with SIGKILL after a second of load, and waits until a round succeeds
 * after the standby's activation (docs/hsm-appliance.md, "Failover, measured"); then a second more.
 */
export async function failoverUnderLoad(dataDir: string, instance: { id: string; ip_address: string | null }, round: (n: number) => Promise<boolean>, resumeWithinMs = 20_000): Promise<FailoverUnderLoad> {
  const log = join(dataDir, 'logs', 'hsm-provisioning.log');
  const floating = instance.ip_address ?? '';
  const counts = { ok: 0, wrong: 0 };
  const failures: string[] = [];
  let running = true;
  let lastOkAt = 0;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      try {
        if (await round(n)) counts.ok++;
        else counts.wrong++;
        lastOkAt = Date.now();
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
  })();
  try {
    await pause(1_000);
    const before = activations(log, floating);
    const killed = before.at(-1)?.node ?? '';
    const pid = nodePid(instance.id, killed);
    if (pid === undefined) throw new Error(`no process of the active node ${killed} of instance ${instance.id}`);
    const okBefore = counts.ok;
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    while (!(counts.ok > okBefore && lastOkAt > killedAt && activations(log, floating).length > before.length)) {
      if (Date.now() - killedAt > resumeWithinMs) throw new Error(`calls did not resume within ${resumeWithinMs} ms of the kill: ${failures.slice(0, 3).join('; ')}`);
      await pause(20);
    }
    const resumedMs = Date.now() - killedAt;
    await pause(1_000);
    return { killed, resumedMs, ok: counts.ok, wrong: counts.wrong, failures };
  } finally {
    running = false;
    await loop;
  }
}
