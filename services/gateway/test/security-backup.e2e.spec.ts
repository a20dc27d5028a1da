import { createCipheriv, randomBytes, randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { DewSystem, marker, refusal, type SdkClient } from '@dew/testing';

/**
 * Forged CSMS backups: anyone who may use some KMS key can seal a blob in the layout of
 * docs/backup-format.md with any JSON inside, so nothing in a blob is trusted beyond its shape.
 */
let dew: DewSystem;
let admin: SdkClient;
let attacker: SdkClient;
let attackerProject: string;
let forgerKey: string;

beforeAll(async () => {
  dew = await DewSystem.start();
  admin = dew.client();
  const other = await dew.bootstrapDomain('backup-forger');
  attacker = dew.client({ access: other.access, secret: other.secret, project_id: other.project_id });
  attackerProject = other.project_id;
  const key = await attacker.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: 'forger' });
  forgerKey = key.body.key_info.key_id;
});
afterAll(async () => {
  await dew?.stop();
});

function gcm(key: Buffer, aad: Buffer, plain: Buffer) {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { iv, tag: c.getAuthTag(), ct };
}

async function dataKey(): Promise<{ plain: Buffer; wrapped: string }> {
  const dk = await attacker.kms<{ plain_text: string; cipher_text: string }>('create-datakey', { key_id: forgerKey, datakey_length: '256' });
  expect(dk.status).toBe(200);
  return { plain: Buffer.from(dk.body.plain_text, 'hex'), wrapped: dk.body.cipher_text };
}

/** A blob sealed with the attacker's own key around whatever JSON `shape` makes of a valid sealed value. */
async function forge(name: string, shape: (value: object) => object): Promise<string> {
  const inner = await dataKey();
  const sealed = gcm(inner.plain, Buffer.from(name, 'utf8'), Buffer.from(JSON.stringify({ secret_string: 'forged' })));
  const value = { kmsKeyId: forgerKey, dataKey: inner.wrapped, iv: sealed.iv.toString('base64'), tag: sealed.tag.toString('base64'), ciphertext: sealed.ct.toString('base64') };
  const outer = await dataKey();
  const wrapped = Buffer.from(outer.wrapped, 'hex');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(wrapped.length);
  const header = Buffer.concat([Buffer.of(1), Buffer.from(forgerKey, 'ascii'), length, wrapped]);
  const body = gcm(outer.plain, header, Buffer.from(JSON.stringify(shape(value)), 'utf8'));
  return Buffer.concat([header, body.iv, body.tag, body.ct]).toString('base64');
}

const blob = (name: string, value: object, over: object = {}) => ({
  format: 'dew-secret-backup/1', id: randomUUID(), name, description: '', kmsKeyId: forgerKey, secretType: 'COMMON',
  versions: [{ id: 'v1', createdAt: Date.now(), expireTime: null, kmsKeyId: forgerKey, value }], stages: { SYSCURRENT: 'v1' }, tags: [], ...over,
});

const restoreAsAttacker = (secretBlob: string) => attacker.call<{ secret: { id: string; name: string } }>('POST', `/v1/${attackerProject}/secrets/restore`, { secret_blob: secretBlob });

describe('restore never claims an id another project holds or held', () => {
  it('a forged blob naming a deleted secret of another domain is restored under a new id; the owner\'s genuine restore keeps its id', async () => {
    const S = '/v1/{project_id}/secrets';
    const created = await admin.call<{ secret: { id: string } }>('POST', S, { name: 'victim-db', secret_string: marker('secret-value') });
    expect(created.status).toBe(200);
    const victimId = created.body.secret.id;
    const genuine = (await admin.call<{ secret_blob: string }>('POST', `${S}/victim-db/backup`)).body.secret_blob;
    expect((await admin.call('DELETE', `${S}/victim-db`)).status).toBe(204);

    const squat = await restoreAsAttacker(await forge('squatter', (v) => blob('squatter', v, { id: victimId })));
    expect(squat.status).toBe(200);
    expect(squat.body.secret.id).not.toBe(victimId);

    const restored = await admin.call<{ secret: { id: string } }>('POST', `${S}/restore`, { secret_blob: genuine });
    expect(restored.status).toBe(200);
    expect(restored.body.secret.id).toBe(victimId);
  });
});

describe('every restore seals under a keyring entry of its own', () => {
  it('a secret restored twice under its old id: each incarnation\'s versions name a fresh keyring owner, never the id again, and the value reads back', async () => {
    const S = '/v1/{project_id}/secrets';
    const value = marker('secret-value');
    const created = await admin.call<{ secret: { id: string } }>('POST', S, { name: 'twice-restored', secret_string: value });
    const id = created.body.secret.id;
    const blob = (await admin.call<{ secret_blob: string }>('POST', `${S}/twice-restored/backup`)).body.secret_blob;
    const owners: string[] = [];
    for (let round = 0; round < 2; round++) {
      expect((await admin.call('DELETE', `${S}/twice-restored`)).status).toBe(204);
      const restored = await admin.call<{ secret: { id: string } }>('POST', `${S}/restore`, { secret_blob: blob });
      expect(restored.body.secret.id).toBe(id);
      expect((await admin.call<{ version: { secret_string: string } }>('GET', `${S}/twice-restored/versions/latest`)).body.version.secret_string).toBe(value);
      const jsm = await jetstreamManager(await dew.connectNats('csms-streams'));
      const last = await jsm.streams.getMessage('EVT_CSMS', { last_by_subj: `evt.csms.${dew.credentials.project_id}.secrets` });
      const event = last!.json<{ events: { type: string; versions: { value: { owner?: string } }[] }[] }>().events[0]!;
      expect(event.type).toBe('SecretRestored');
      owners.push(event.versions[0]?.value.owner ?? '');
    }
    expect(owners.every((o) => /^[0-9a-f-]{36}$/.test(o) && o !== id)).toBe(true);
    expect(new Set(owners).size).toBe(2);
  });
});

describe('a forged blob\'s shape is checked before any of it is used: 400 CSMS.0002, never a 5xx, nothing restored', () => {
  const shapes: readonly [string, (v: object) => object][] = [
    ['a null version', (v) => blob('f-null', v, { versions: [null] })],
    ['no stages', (v) => ({ ...blob('f-stages', v), stages: undefined })],
    ['a version without a value', (v) => blob('f-novalue', v, { versions: [{ id: 'v1', createdAt: 1, expireTime: null, kmsKeyId: forgerKey }] })],
    ['a version kmsKeyId other than its value\'s', (v) => blob('f-keyid', v, { versions: [{ id: 'v1', createdAt: 1, expireTime: null, kmsKeyId: randomUUID(), value: v }] })],
    ['a createdAt that is not a time', (v) => blob('f-time', v, { versions: [{ id: 'v1', createdAt: { a: 1 }, expireTime: null, kmsKeyId: forgerKey, value: v }] })],
    ['a version number past v999999000', (v) => blob('f-big', v, { versions: [{ id: 'v999999999', createdAt: 1, expireTime: null, kmsKeyId: forgerKey, value: v }], stages: { SYSCURRENT: 'v999999999' } })],
    ['100 versions (the limit is 20)', (v) => blob('f-many', v, { versions: Array.from({ length: 100 }, (_, i) => ({ id: `v${i + 1}`, createdAt: 1, expireTime: null, kmsKeyId: forgerKey, value: v })) })],
  ];

  it.each(shapes)('%s', async (_label, shape) => {
    const name = (shape({}) as { name: string }).name;
    const res = await restoreAsAttacker(await forge(name, shape));
    expect(refusal(res)).toEqual({ status: 400, code: 'CSMS.0002' });
    expect(res.errorMsg).toContain('secret_blob is not a DEW secret backup');
    expect(refusal(await attacker.call('GET', `/v1/${attackerProject}/secrets/${name}`))).toEqual({ status: 404, code: 'CSMS.0005' });
  });
});
