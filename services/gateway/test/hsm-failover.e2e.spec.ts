import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { rememberSecret } from '@dew/testing';
import type { HsmClient } from '@dew/hsm-client';
import { activations, applicationClient, dewWithHsmNodes, initialisedAdmin, instanceCa, nodePid, runningInstance, serviceProcess, type Detail } from '@dew/testing/dhsm';

/**
 * Issue 16's failover proof through the whole product: the instance bought and activated through
 * the API, its nodes launched by hsm-provisioning, the SDK used as an application would. Under a
 * steady stream of calls, kill -9 the active node, several times; the standby must serve on the
 * same floating address within 3 s, and nothing acknowledged may be lost.
 */
const FAILOVERS = 3;
const TAKEOVER_LIMIT_MS = 3_000;

const system = dewWithHsmNodes();

const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Acked { keyId: string; iv: Buffer; ciphertext: Buffer; plaintext: Buffer }

/** Calls in a loop until stopped: generate a key, encrypt under it; every acknowledged pair is kept. */
function steadyLoad(client: HsmClient) {
  const acked: Acked[] = [];
  const failures: { at: number; message: string }[] = [];
  let running = true;
  let n = 0;
  const done = (async () => {
    while (running) {
      try {
        const key = await client.generateKey('AES_256', `load-${n}`);
        const plaintext = Buffer.from(rememberSecret('plaintext', `acknowledged ${n++} ${key.keyId}`));
        const { iv, ciphertext } = await client.encrypt(key.keyId, plaintext);
        acked.push({ keyId: key.keyId, iv, ciphertext, plaintext });
      } catch (err) {
        failures.push({ at: Date.now(), message: (err as Error).message });
      }
    }
  })();
  return { acked, failures, stop: async () => { running = false; await done; } };
}

describe('Dedicated HSM failover through provisioning (nodes launched by hsm-provisioning)', () => {
  it(`kill -9 of the active node ${FAILOVERS} times under steady SDK load: the standby serves on the floating address within ${TAKEOVER_LIMIT_MS} ms (median) and every acknowledged key and ciphertext survives`, async () => {
    const instance: Detail = await runningInstance(system.dew, system.api, 'failover', 'subnet-failover');
    const floating = instance.ip_address ?? '';
    const ca = await instanceCa(system.api, instance.id);
    const { admin } = await initialisedAdmin(system.api, instance, ca);
    // Retries long enough to carry a call across one takeover (docs/hsm-appliance.md, "Client SDK").
    const client = await applicationClient(admin, instance, ca, 'failover-app', { attempts: 40, baseDelayMs: 25, maxDelayMs: 150 });
    admin.close();
    const log = join(system.dew.dataDir, 'logs', 'hsm-provisioning.log');
    const load = steadyLoad(client);
    const takeovers: number[] = [];
    try {
      for (let run = 0; run < FAILOVERS; run++) {
        await pause(1_500);
        const before = activations(log, floating);
        const active = before.at(-1)?.node ?? '';
        const pid = nodePid(instance.id, active);
        expect(pid).toBeDefined();
        const ackedBefore = load.acked.length;
        const killedAt = Date.now();
        process.kill(pid ?? 0, 'SIGKILL');
        // Served again: a call made after the kill is acknowledged by the other node.
        for (;;) {
          if (load.acked.length > ackedBefore && activations(log, floating).length > before.length) break;
          if (Date.now() - killedAt > 20_000) throw new Error(`no takeover within 20 s after killing node ${active}`);
          await pause(20);
        }
        takeovers.push(Date.now() - killedAt);
        // The standby took over, not the killed node relaunched by the supervisor.
        expect({ run, activeNodes: activations(log, floating).map((e) => e.node) }).toEqual({ run, activeNodes: [...before.map((e) => e.node), active === 'a' ? 'b' : 'a'] });
        // The supervisor restarts the killed node (docs/hsm.md, "Node restarts"): it is the next standby.
        for (let i = 0; i < 200 && nodePid(instance.id, active) === undefined; i++) await pause(50);
        expect(nodePid(instance.id, active)).toBeDefined();
      }
    } finally {
      await load.stop();
    }
    const sorted = [...takeovers].sort((a, b) => a - b);
    process.stdout.write(`hsm failover through provisioning: takeover ms ${JSON.stringify(takeovers)}, p50 ${sorted[Math.floor(sorted.length / 2)]}, max ${sorted.at(-1)}; ${load.acked.length} acknowledged key+encrypt pairs, ${load.failures.length} calls failed after retries\n`);
    // The median, as services/hsm-node/src/failover.int.spec.ts: one slow takeover on a loaded
    // machine is reported above, not failed; the bound is the issue's.
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThanOrEqual(TAKEOVER_LIMIT_MS);
    expect(load.failures).toEqual([]);

    // Every acknowledged key exists on the node serving now, and every acknowledged ciphertext decrypts.
    const listed = new Set((await client.listKeys()).map((k) => k.keyId));
    expect(load.acked.filter((a) => !listed.has(a.keyId))).toEqual([]);
    for (const a of load.acked) expect(await client.decrypt(a.keyId, a.iv, a.ciphertext)).toEqual(a.plaintext);
    client.close();

    // Last: hsm-provisioning killed with SIGKILL takes its nodes with it (no orphan keeps the
    // instance's PINs and keys in memory): they run under setpriv --pdeathsig KILL.
    const provisioning = serviceProcess(system.dew.dataDir, 'hsm-provisioning');
    expect(provisioning).toBeDefined();
    const nodes = [nodePid(instance.id, 'a'), nodePid(instance.id, 'b')];
    expect(nodes.every((pid) => pid !== undefined)).toBe(true);
    process.kill(provisioning ?? 0, 'SIGKILL');
    const alive = (pid: number | undefined) => pid !== undefined && existsSync(`/proc/${pid}`);
    for (let i = 0; i < 100 && nodes.some(alive); i++) await pause(50);
    expect(nodes.filter(alive)).toEqual([]);
    // The runner restarts hsm-provisioning (docs/architecture.md, "Supervision"), which starts the
    // Running instance's nodes again: new processes.
    for (let i = 0; i < 400 && (nodePid(instance.id, 'a') === undefined || nodePid(instance.id, 'b') === undefined); i++) await pause(50);
    const restarted = [nodePid(instance.id, 'a'), nodePid(instance.id, 'b')];
    expect(restarted.every((pid) => pid !== undefined && !nodes.includes(pid))).toBe(true);
  }, 120_000);
});
