import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HsmAdminClient } from '@dew/hsm-client';
import { rememberSecret, tracesOf } from '@dew/testing';
import { APPLICATION_PORT, HSM, applicationClient, dewWithHsmNodes, initialisedAdmin, instanceCa, runningInstance, type Detail } from '@dew/testing/dhsm';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const system = dewWithHsmNodes();

const later = (ms: number) => system.dew.advanceClock('hsm-provisioning', ms);
const show = async (id: string) => (await system.api.call<{ instance: Detail }>('GET', `${HSM}/${id}`)).body.instance;
const pause = (ms: number) => new Promise<undefined>((r) => setTimeout(() => r(undefined), ms));

describe('Dedicated HSM from purchase to the appliance serving the client SDK (nodes launched by hsm-provisioning, its default)', () => {
  it('a Running instance serves keys on its floating address; Frozen stops its nodes; renewal serves the same key again; no NATS permission is violated', async () => {
    const instance = await runningInstance(system.dew, system.api, 'appliance', 'subnet-appliance');
    const id = instance.id;
    const ca = await instanceCa(system.api, id);
    const published = await system.api.call<{ instance_id: string; ca_certificate: string; fingerprint: string }>('GET', `${HSM}/${id}/ca-certificate`);
    expect(published.body).toEqual({ instance_id: id, ca_certificate: ca.toString(), fingerprint: `SHA256:${createHash('sha256').update(new X509Certificate(ca).raw).digest('base64').replace(/=+$/, '')}` });
    expect(new X509Certificate(ca).subject).toContain(id);
    // The UKey issued at activation, downloaded once, is the only one the nodes let initialise the instance.
    const stranger = generateKeyPairSync('ed25519');
    const intruder = new HsmAdminClient(`${instance.ip_address}:${APPLICATION_PORT + 1}`, ca, id, stranger.privateKey);
    await expect(intruder.initialize(stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString())).rejects.toThrow('not the UKey issued for the instance');
    intruder.close();
    const { admin, ukey } = await initialisedAdmin(system.api, instance, ca);
    const client = await applicationClient(admin, instance, ca, 'e2e-app');
    const loaders = await Promise.all([1, 2, 3, 4].map((i) => applicationClient(admin, instance, ca, `e2e-load-${i}`)));
    admin.close();
    try {
      const key = await client.generateKey('AES_256', 'e2e');
      // The appliance's calls are in the audit trail under the instance's project, by who made them,
      // at hsm-provisioning's time (its test clock is 15 minutes ahead here: the window reaches it).
      const window = `from=${Date.now() - HOUR}&to=${Date.now() + DAY}`;
      const refused = await tracesOf(system.api, `${window}&service_type=HSM&trace_name=initializeHsm&trace_rating=warning`, 1);
      expect(refused.traces.map((t) => [t.resource_id, t.user.name, t.code])).toEqual([[id, 'unverified caller', 'PERMISSION_DENIED']]);
      const servedBy = async (name: string, expected = 1) => (await tracesOf(system.api, `${window}&service_type=HSM&trace_name=${name}&trace_rating=normal`, expected)).traces.map((t) => [t.resource_id, t.user.name]);
      expect(await servedBy('initializeHsm')).toEqual([[id, `UKey ${ukey.fingerprint}`]]);
      // One per access certificate issued (the application's and the four load clients'), its serial the resource id.
      const issued = await servedBy('issueHsmCertificate', 1 + loaders.length);
      expect(issued).toHaveLength(1 + loaders.length);
      expect(issued.every(([serial, user]) => /^[0-9a-f]{8,}$/.test(serial ?? '') && user === `UKey ${ukey.fingerprint}`)).toBe(true);
      expect(await servedBy('generateHsmKey')).toEqual([[key.keyId, 'certificate e2e-app']]);
      const message = Buffer.from(rememberSecret('plaintext', `data kept by the dedicated HSM ${id}`));
      const { iv, ciphertext } = await client.encrypt(key.keyId, message);
      expect(ciphertext.includes(message)).toBe(false);
      expect(await client.decrypt(key.keyId, iv, ciphertext)).toEqual(message);

      // Monitoring (guide §4.3) from the nodes' own reports: idle, then under load over four more connections.
      const latest = async () => {
        await pause(5_500); // one report period: the figures are at most that old
        await later(MINUTE);
        const res = await system.api.call<{ series: Record<string, unknown>[] }>('GET', `${HSM}/${id}/monitoring`);
        return res.body.series.at(-1) as { instance_health: string; network_health: string; network_latency_ms: number; cpu_usage_percent: number; memory_usage_mb: number; current_connections: number };
      };
      const idle = await latest();
      expect(idle).toMatchObject({ instance_health: 'healthy', network_health: 'healthy', network_latency_ms: expect.any(Number), cpu_usage_percent: expect.any(Number), current_connections: expect.any(Number) });
      expect(idle.memory_usage_mb).toBeGreaterThan(10);
      let loading = true;
      const load = Promise.all(loaders.map(async (c) => {
        while (loading) await c.encrypt(key.keyId, Buffer.from('monitoring load'));
      }));
      const loaded = await latest();
      loading = false;
      await load;
      process.stdout.write(`hsm monitoring: idle ${JSON.stringify(idle)}, loaded ${JSON.stringify(loaded)}\n`);
      expect(loaded.current_connections).toBeGreaterThanOrEqual(idle.current_connections + loaders.length);
      expect(loaded.cpu_usage_percent).toBeGreaterThan(idle.cpu_usage_percent);

      await later(32 * DAY);
      expect((await show(id)).status).toBe('Frozen');
      await expect(client.decrypt(key.keyId, iv, ciphertext)).rejects.toThrow();

      const renewed = await system.api.call<{ instance: Detail }>('POST', `${HSM}/${id}/renew`, { period_num: 1 });
      expect(renewed.body.instance.status).toBe('Running');
      let decrypted: Buffer | undefined;
      for (let i = 0; i < 100 && !decrypted; i++) decrypted = await client.decrypt(key.keyId, iv, ciphertext).catch(() => pause(200));
      expect(decrypted).toEqual(message);
    } finally {
      client.close();
      for (const c of loaders) c.close();
    }
    // The nodes' output goes to hsm-provisioning.log; nats-server.log records refused publishes and subscriptions.
    for (const log of readdirSync(join(system.dew.dataDir, 'logs'))) {
      const text = `${log}: ${readFileSync(join(system.dew.dataDir, 'logs', log), 'utf8')}`;
      for (const failure of ['Permissions Violation', 'hsm node reconcile failed']) expect(text).not.toContain(failure);
    }
  }, 120_000);
});
