import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { OwnerKeys, KeyringEntryMissing, openRootKey } from '@dew/crypto';
import { JetStreamKeyringStorage } from '@dew/event-sourcing';
import { JetStreamEventStore } from '@dew/event-store';
import type { KeyringEvent } from '@dew/kms-domain';
import { DewSystem, filesContain, openStoreCopy, refusal, rememberSecret, type StoreCopy } from '@dew/testing';

const DAY = 86_400_000;
let dew: DewSystem;
const storeDir = () => join(dew.dataDir, 'nats', 'store');

beforeAll(async () => {
  dew = await DewSystem.start();
});
afterAll(async () => {
  await dew?.stop();
});

/** Material of a key as the events hold it, opened with the root key file and the keyring stream alone. */
async function openMaterialFromCopy(copy: StoreCopy, keyId: string): Promise<Buffer> {
  const events = await new JetStreamEventStore(copy.nc).read<KeyringEvent>('EVT_KMS');
  const created = events.flatMap((m) => m.events).find((e) => e.type === 'KeyCreated' && e.keyId === keyId);
  if (created?.type !== 'KeyCreated' || !created.material) throw new Error(`no KeyCreated with material for ${keyId}`);
  const root = openRootKey({ provider: 'file', file: join(dew.dataDir, 'root.key') }, false).provider;
  const keyring = new OwnerKeys(root, new JetStreamKeyringStorage(copy.nc, 'KEYRING_KMS', (id) => `keyring.kms.${id}`));
  // The key's own material (an AES key, a private key): the scan after the suite looks for it too.
  return rememberSecret('key-material', await keyring.open(keyId, created.material.version, Buffer.from(created.material.wrapped, 'base64')));
}

async function keyringEntryBytes(copy: StoreCopy, keyId: string): Promise<Uint8Array | null> {
  const jsm = await jetstreamManager(copy.nc);
  const msg = await jsm.streams.getMessage('KEYRING_KMS', { last_by_subj: `keyring.kms.${keyId}` });
  return msg ? msg.data : null;
}

describe('key deletion, restarts and crypto-shredding', () => {
  it('first start shows the secret key once; later starts print only the credentials file', async () => {
    const { secret } = dew.credentials;
    expect(secret).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(dew.output).toContain(secret);
    await dew.restart();
    expect(dew.output).not.toContain(secret);
    expect(dew.output).toContain('admin-credentials.json');
  });

  it('a key scheduled for deletion survives restarts, is destroyed when its period ends, and is then unrecoverable from a copy of the streams plus the root key', async () => {
    const api = dew.client();
    const doomed = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'doomed', key_spec: 'AES_256' });
    const kept = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'kept', key_spec: 'EC_P256' });
    const doomedId = doomed.body.key_info.key_id;
    const keptId = kept.body.key_info.key_id;
    expect((await api.kms('schedule-key-deletion', { key_id: doomedId, pending_days: '7' })).status).toBe(200);

    // Before: the material opens with the root key and the keyring entry sits in the store files.
    await dew.halt();
    const before = await openStoreCopy(storeDir());
    let entry: Uint8Array | null;
    try {
      expect(await openMaterialFromCopy(before, doomedId)).toHaveLength(32);
      entry = await keyringEntryBytes(before, doomedId);
    } finally {
      await before.stop();
    }
    expect(entry).not.toBeNull();
    expect(filesContain(storeDir(), entry!)).toBe(true);

    // Restart: state and schedule survive; time moves only with the test clock.
    await dew.restart();
    const again = dew.client();
    const describe = (keyId: string) => again.kms<{ key_info: { key_state: string } }>('describe-key', { key_id: keyId });
    expect((await describe(doomedId)).body.key_info.key_state).toBe('4');
    await dew.advanceClock('kms', 6 * DAY);
    expect((await describe(doomedId)).body.key_info.key_state).toBe('4');
    await dew.advanceClock('kms', DAY + 60_000);
    expect(refusal(await describe(doomedId))).toEqual({ status: 404, code: 'KMS.0207' });
    expect(refusal(await again.kms('enable-key', { key_id: doomedId }))).toEqual({ status: 404, code: 'KMS.0207' });
    expect((await describe(keptId)).body.key_info.key_state).toBe('2');
    const list = await again.kms<{ keys: string[] }>('list-keys', { key_spec: 'ALL' });
    expect(list.body.keys).not.toContain(doomedId);
    // The alias is free again.
    expect((await again.kms('create-key', { key_alias: 'doomed' })).status).toBe(200);

    // After: the entry's bytes are gone from the store files; the events plus the root key yield nothing.
    await dew.halt();
    expect(filesContain(storeDir(), entry!)).toBe(false);
    const after = await openStoreCopy(storeDir());
    try {
      await expect(openMaterialFromCopy(after, doomedId)).rejects.toBeInstanceOf(KeyringEntryMissing);
      expect(await keyringEntryBytes(after, doomedId)).toBeNull();
      expect((await openMaterialFromCopy(after, keptId)).length).toBeGreaterThan(100);
    } finally {
      await after.stop();
    }
    await dew.restart();
  });
});

describe('NATS subject permissions', () => {
  async function delivered(publisher: string | undefined, subject: string): Promise<boolean> {
    const listener = await dew.connectNats('kms');
    const sub = listener.subscribe(subject, { max: 1 });
    await listener.flush();
    const got = (async () => {
      for await (const _ of sub) return true;
      return false;
    })();
    const nc = await dew.connectNats(publisher);
    nc.publish(subject, '{}');
    await nc.flush().catch(() => undefined);
    const result = await Promise.race([got, new Promise<boolean>((r) => setTimeout(() => r(false), 750))]);
    sub.unsubscribe();
    return result;
  }

  it('a client without credentials cannot connect', async () => {
    await expect(dew.connectNats()).rejects.toThrow(/authoriz/i);
  });

  it('only the gateway may send requests to a kms row: the runner and iam users cannot', async () => {
    expect(await delivered('gateway', 'kms.list-keys')).toBe(true);
    expect(await delivered('runner', 'kms.list-keys')).toBe(false);
    expect(await delivered('iam', 'kms.list-keys')).toBe(false);
  });

  it('kms may subscribe only to the rows of its table: any other kms.* subject is a permission violation', async () => {
    const kms = await dew.connectNats('kms');
    const errors: string[] = [];
    void (async () => {
      for await (const s of kms.status()) if (s.type === 'error') errors.push(String((s as { error?: unknown }).error ?? s.type));
    })();
    kms.subscribe('kms.permission-probe');
    await kms.flush().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(errors.join(' ')).toMatch(/permissions violation.*kms\.permission-probe/i);
  });

  it('only kms may append to evt.kms.>: the gateway cannot', async () => {
    const gateway = await dew.connectNats('gateway');
    const errors: string[] = [];
    void (async () => {
      for await (const s of gateway.status()) if (s.type === 'error') errors.push(String((s as { error?: unknown }).error ?? s.type));
    })();
    gateway.publish('evt.kms.someproject.keyring', '{"events":[]}');
    await gateway.flush().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(errors.join(' ')).toMatch(/permissions violation/i);
  });
});
