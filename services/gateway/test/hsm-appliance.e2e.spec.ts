import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HsmAdminClient } from '@dew/hsm-client';
import { rememberSecret } from '@dew/testing';
import { APPLICATION_PORT, HSM, applicationClient, dewWithHsmNodes, initialisedAdmin, instanceCa, runningInstance, type Detail } from './dhsm/running-appliance.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

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
    const { admin } = await initialisedAdmin(system.api, instance, ca);
    const client = await applicationClient(admin, instance, ca, 'e2e-app');
    admin.close();
    try {
      const key = await client.generateKey('AES_256', 'e2e');
      const message = Buffer.from(rememberSecret('plaintext', `data kept by the dedicated HSM ${id}`));
      const { iv, ciphertext } = await client.encrypt(key.keyId, message);
      expect(ciphertext.includes(message)).toBe(false);
      expect(await client.decrypt(key.keyId, iv, ciphertext)).toEqual(message);

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
    }
    // The nodes' output goes to hsm-provisioning.log; nats-server.log records refused publishes and subscriptions.
    for (const log of readdirSync(join(system.dew.dataDir, 'logs'))) {
      const text = `${log}: ${readFileSync(join(system.dew.dataDir, 'logs', log), 'utf8')}`;
      for (const failure of ['Permissions Violation', 'hsm node reconcile failed']) expect(text).not.toContain(failure);
    }
  }, 60_000);
});
