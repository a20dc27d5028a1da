import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kvm } from '@nats-io/kv';
import { HsmAdminClient, HsmClient } from '@dew/hsm-client';
import { kvBuckets, streamsUserOf } from '@dew/messaging';
import { DewSystem, rememberSecret, type SdkClient } from '@dew/testing';

/** The application port of every instance's floating address; the admin port is the next (docs/hsm.md). */
const APPLICATION_PORT = 25696;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HSM = '/v1/{project_id}/dew-hsm/instances';

interface Detail { id: string; status: string; ip_address: string | null }
interface InstanceBody { instance: Detail }

let dew: DewSystem;
let api: SdkClient;

beforeAll(async () => {
  dew = await DewSystem.start({ env: { DEW_HSM_LAUNCH_NODES: '1' } });
  api = dew.client();
});
afterAll(async () => {
  await dew?.stop();
});

const later = (ms: number) => dew.advanceClock('hsm-provisioning', ms);
const show = async (id: string) => (await api.call<InstanceBody>('GET', `${HSM}/${id}`)).body.instance;
const pause = (ms: number) => new Promise<undefined>((r) => setTimeout(() => r(undefined), ms));

/**
 * The instance CA the first active node stored (through the control plane) in the shared state
 * bucket, read as hsm-provisioning's streams user: the nodes have no NATS user, and no client-facing
 * way to fetch the CA exists yet (docs/hsm.md, "Still to wire").
 */
async function instanceCa(instanceId: string): Promise<Buffer> {
  const nc = await dew.connectNats(streamsUserOf('hsm-provisioning'));
  try {
    for (let i = 0; i < 300; i++) {
      const e = await (await new Kvm(nc).open(kvBuckets.hsmState.name)).get(`${instanceId}.ca`).catch(() => null);
      if (e?.operation === 'PUT') return Buffer.from(e.string());
      await pause(100);
    }
    throw new Error(`no node of ${instanceId} became active within 30 s`);
  } finally {
    await nc.close();
  }
}

describe('Dedicated HSM from purchase to the appliance serving the client SDK (nodes launched by hsm-provisioning, its default)', () => {
  it('a Running instance serves keys on its floating address; Frozen stops its nodes; renewal serves the same key again; no NATS permission is violated', async () => {
    const id = (await api.call<InstanceBody>('POST', HSM, { contact: 'ukey@example.com' })).body.instance.id;
    await later(10 * MINUTE);
    const activated = await api.call<InstanceBody>('POST', `${HSM}/${id}/activate`, {
      availability_zone: 'dew-1a', name: 'appliance', hsm_type: 'Finance', vpc_id: 'vpc-e2e', subnet_id: 'subnet-appliance', security_group_id: 'sg-e2e', period_num: 1,
    });
    expect(activated.status).toBe(200);
    await later(5 * MINUTE);
    const running = await show(id);
    expect(running.status).toBe('Running');
    const floating = running.ip_address ?? '';

    const ca = await instanceCa(id);
    // The UKey issued at activation, downloaded once, is the only one the nodes let initialise the instance.
    const ukey = (await api.call<{ private_key: string; public_key: string }>('POST', `${HSM}/${id}/ukey`)).body;
    rememberSecret('private-key', ukey.private_key);
    const stranger = generateKeyPairSync('ed25519');
    const intruder = new HsmAdminClient(`${floating}:${APPLICATION_PORT + 1}`, ca, id, stranger.privateKey);
    await expect(intruder.initialize(stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString())).rejects.toThrow('not the UKey issued for the instance');
    intruder.close();
    const admin = new HsmAdminClient(`${floating}:${APPLICATION_PORT + 1}`, ca, id, createPrivateKey(ukey.private_key));
    await admin.initialize(ukey.public_key);
    const clientKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const clientKeyPem = rememberSecret('private-key', clientKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const issued = await admin.issueCertificate('e2e-app', clientKey.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    admin.close();
    const client = new HsmClient({
      instances: [{ name: id, address: `${floating}:${APPLICATION_PORT}`, ca, cert: Buffer.from(issued.certificate), key: Buffer.from(clientKeyPem) }],
      retry: { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 },
    });
    try {
      const key = await client.generateKey('AES_256', 'e2e');
      const message = Buffer.from(rememberSecret('plaintext', `data kept by the dedicated HSM ${id}`));
      const { iv, ciphertext } = await client.encrypt(key.keyId, message);
      expect(ciphertext.includes(message)).toBe(false);
      expect(await client.decrypt(key.keyId, iv, ciphertext)).toEqual(message);

      await later(32 * DAY);
      expect((await show(id)).status).toBe('Frozen');
      await expect(client.decrypt(key.keyId, iv, ciphertext)).rejects.toThrow();

      const renewed = await api.call<InstanceBody>('POST', `${HSM}/${id}/renew`, { period_num: 1 });
      expect(renewed.body.instance.status).toBe('Running');
      let decrypted: Buffer | undefined;
      for (let i = 0; i < 100 && !decrypted; i++) decrypted = await client.decrypt(key.keyId, iv, ciphertext).catch(() => pause(200));
      expect(decrypted).toEqual(message);
    } finally {
      client.close();
    }
    // The nodes' output goes to hsm-provisioning.log; nats-server.log records refused publishes and subscriptions.
    for (const log of readdirSync(join(dew.dataDir, 'logs'))) {
      const text = `${log}: ${readFileSync(join(dew.dataDir, 'logs', log), 'utf8')}`;
      for (const failure of ['Permissions Violation', 'hsm node reconcile failed']) expect(text).not.toContain(failure);
    }
  }, 60_000);
});
