import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { HsmAdminClient, HsmClient } from '@dew/hsm-client';
import { DewSystem } from '../dew-system.js';
import { rememberSecret } from '../secrets-ledger.js';
import type { SdkClient } from '../sdk-client.js';

/** The application port of every instance's floating address; the admin port is the next (docs/hsm.md). */
export const APPLICATION_PORT = 25696;
export const HSM = '/v1/{project_id}/dew-hsm/instances';
const MINUTE = 60_000;

export interface Detail { id: string; status: string; ip_address: string | null }
interface InstanceBody { instance: Detail }
export interface UkeyBody { private_key: string; public_key: string; fingerprint: string }

const pause = (ms: number) => new Promise<undefined>((r) => setTimeout(() => r(undefined), ms));

/** Purchased, installed, activated and past creation, as a user does it through the API: Running. */
export async function runningInstance(dew: DewSystem, api: SdkClient, name: string, subnet: string): Promise<Detail> {
  const id = (await api.call<InstanceBody>('POST', HSM, { contact: 'ukey@example.com' })).body.instance.id;
  await dew.advanceClock('hsm-provisioning', 10 * MINUTE);
  const activated = await api.call<InstanceBody>('POST', `${HSM}/${id}/activate`, {
    availability_zone: 'dew-1a', name, hsm_type: 'Finance', vpc_id: 'vpc-e2e', subnet_id: subnet, security_group_id: 'sg-e2e', period_num: 1,
  });
  if (activated.status !== 200) throw new Error(`activating instance ${id} answered ${activated.status} ${activated.errorCode ?? ''}`);
  await dew.advanceClock('hsm-provisioning', 5 * MINUTE);
  const running = (await api.call<InstanceBody>('GET', `${HSM}/${id}`)).body.instance;
  if (running.status !== 'Running') throw new Error(`instance ${id} is ${running.status} after activation, not Running`);
  return running;
}

/** The instance CA from the API, once the first active node made it (409 until then). */
export async function instanceCa(api: SdkClient, instanceId: string): Promise<Buffer> {
  for (let i = 0; i < 300; i++) {
    const res = await api.call<{ ca_certificate: string }>('GET', `${HSM}/${instanceId}/ca-certificate`);
    if (res.status === 200) return Buffer.from(res.body.ca_certificate);
    if (res.status !== 409) throw new Error(`the CA certificate of ${instanceId} answered ${res.status}, not 200 or 409 (no active node yet)`);
    await pause(100);
  }
  throw new Error(`no node of ${instanceId} became active within 30 s`);
}

/** The UKey downloaded once; the admin client signing with it, after Initialize. */
export async function initialisedAdmin(api: SdkClient, instance: Detail, ca: Buffer): Promise<{ admin: HsmAdminClient; ukey: UkeyBody }> {
  const ukey = (await api.call<UkeyBody>('POST', `${HSM}/${instance.id}/ukey`)).body;
  rememberSecret('private-key', ukey.private_key);
  const admin = new HsmAdminClient(`${instance.ip_address}:${APPLICATION_PORT + 1}`, ca, instance.id, createPrivateKey(ukey.private_key));
  await admin.initialize(ukey.public_key);
  return { admin, ukey };
}

/** An SDK client over a fresh access certificate the administrator issued. */
export async function applicationClient(admin: HsmAdminClient, instance: Detail, ca: Buffer, name: string, retry = { attempts: 3, baseDelayMs: 50, maxDelayMs: 200 }): Promise<HsmClient> {
  const clientKey = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const keyPem = rememberSecret('private-key', clientKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const issued = await admin.issueCertificate(name, clientKey.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return new HsmClient({ instances: [{ name: instance.id, address: `${instance.ip_address}:${APPLICATION_PORT}`, ca, cert: Buffer.from(issued.certificate), key: Buffer.from(keyPem) }], retry });
}

/** A whole DEW whose hsm-provisioning launches nodes, started before the file's tests and stopped after. */
export function dewWithHsmNodes(): { readonly dew: DewSystem; readonly api: SdkClient } {
  const system = {} as { dew: DewSystem; api: SdkClient };
  beforeAll(async () => {
    system.dew = await DewSystem.start({ env: { DEW_HSM_LAUNCH_NODES: '1' } });
    system.api = system.dew.client();
  });
  afterAll(async () => {
    await system.dew?.stop();
  });
  return system;
}
