// Security review of key stores (issue 18): what the instance's own applications can do with the keys
// KMS keeps in a key store. KMS's keys live in a token of their own that only KMS's certificates
// reach (docs/key-stores-hsm.md, "KMS's own token"; services/hsm-node/src/api/key-scope.ts): an
// application certificate neither lists nor destroys them. Using them by id is refused NOT_FOUND
// (services/kms/test/hsm-key-store.e2e.spec.ts, where KMS's key ids are at hand).
import { randomBytes } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { refusal, rememberSecret } from '@dew/testing';
import { applicationClient, dewWithHsmNodes, initialisedAdmin, instanceCa, runningInstance, type Detail } from '@dew/testing/dhsm';
import type { HsmAdminClient } from '@dew/hsm-client';

const KEYSTORES = '/v1.0/{project_id}/keystores';

const system = dewWithHsmNodes();
let instance: Detail;
let ca: Buffer;
let hsmAdmin: HsmAdminClient;
let storeId = '';
let keyId = '';

beforeAll(async () => {
  instance = await runningInstance(system.dew, system.api, 'isolation-hsm', 'subnet-isolation');
  ca = await instanceCa(system.api, instance.id);
  hsmAdmin = (await initialisedAdmin(system.api, instance, ca)).admin;
  const created = await system.api.call<{ keystore: { keystore_id: string } }>('POST', KEYSTORES, { keystore_alias: `iso-${randomBytes(3).toString('hex')}`, hsm_cluster_id: instance.id });
  expect({ status: created.status, error: created.errorMsg }).toEqual({ status: 200, error: undefined });
  storeId = created.body.keystore.keystore_id;
  const key = await system.api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `iso-${randomBytes(3).toString('hex')}`, keystore_id: storeId });
  expect(key.status).toBe(200);
  keyId = key.body.key_info.key_id;
});

describe('keys of a key store are KMS\'s alone inside the instance', () => {
  it('an application certificate of the instance neither lists a key-store key nor destroys it; KMS still opens its ciphertext once it enables the key again', async () => {
    const plain = rememberSecret('plaintext', `isolation ${randomBytes(4).toString('hex')}`);
    const enc = await system.api.kms<{ cipher_text: string }>('encrypt-data', { key_id: keyId, plain_text: plain, additional_authenticated_data: 'ctx' });
    expect(enc.status).toBe(200);
    expect(refusal(await system.api.kms('disable-key', { key_id: keyId }))).toEqual({ status: 200, code: undefined });
    expect(refusal(await system.api.kms('decrypt-data', { cipher_text: enc.body.cipher_text, additional_authenticated_data: 'ctx' }))).toMatchObject({ status: 400 });

    const app = await applicationClient(hsmAdmin, instance, ca, 'some-application');
    const own = await app.generateKey('AES_256', keyId);
    const listed = await app.listKeys();
    // An application destroying whatever it finds reaches its own keys only.
    const destroyed = await Promise.all(listed.map(async (k) => ({ keyId: k.keyId, destroyed: await app.destroyKey(k.keyId) })));
    app.close();
    expect(listed.map((k) => ({ keyId: k.keyId, label: k.label }))).toEqual([{ keyId: own.keyId, label: keyId }]);
    expect(destroyed).toEqual([{ keyId: own.keyId, destroyed: true }]);

    expect(refusal(await system.api.kms('enable-key', { key_id: keyId }))).toEqual({ status: 200, code: undefined });
    const dec = await system.api.kms<{ plain_text: string }>('decrypt-data', { cipher_text: enc.body.cipher_text, additional_authenticated_data: 'ctx' });
    expect({ status: dec.status, plain: dec.body.plain_text === plain }).toEqual({ status: 200, plain: true });
  });

  it('the UKey holder cannot issue an application certificate named as KMS\'s (dew-kms:<keystore id>)', async () => {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const outcome = await hsmAdmin.issueCertificate(`dew-kms:${storeId}`, pair.publicKey.export({ type: 'spki', format: 'pem' }).toString())
      .then(() => 'issued', (err: { code?: number; details?: string }) => ({ code: err.code, details: err.details }));
    expect(outcome).toEqual({ code: 3, details: expect.stringContaining('is reserved: names starting dew-kms: are KMS\'s access certificates') });
  });
});

describe('no input to the six key-store routes or to create-key\'s keystore_id answers a 5xx', () => {
  it('odd ids, types, sizes and PEM-shaped garbage are refused 4xx in the KMS family, and nothing is created', async () => {
    const odd = ['x'.repeat(5000), '%00', '%E2%80%AE', '..', "a'b", '0', ' ', 'A0000000-0000-4000-8000-000000000001'];
    const answers: { what: string; status: number; code?: string }[] = [];
    const note = (what: string, r: { status: number; errorCode?: string }) => answers.push({ what, status: r.status, ...(r.errorCode ? { code: r.errorCode } : {}) });
    for (const id of odd) {
      const path = `${KEYSTORES}/${encodeURIComponent(id)}`;
      note(`show ${id.slice(0, 12)}`, await system.api.call('GET', path));
      note(`enable ${id.slice(0, 12)}`, await system.api.call('POST', `${path}/enable`));
      note(`disable ${id.slice(0, 12)}`, await system.api.call('POST', `${path}/disable`));
      note(`delete ${id.slice(0, 12)}`, await system.api.call('DELETE', path));
      note(`create-key ${id.slice(0, 12)}`, await system.api.kms('create-key', { key_alias: `fz-${randomBytes(3).toString('hex')}`, keystore_id: id }));
    }
    const pemShaped = `-----BEGIN CERTIFICATE-----\n${randomBytes(300).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const bodies: object[] = [
      {}, { keystore_alias: 5, hsm_cluster_id: [] }, { keystore_alias: null, hsm_cluster_id: null }, { keystore_alias: 'a', hsm_cluster_id: 'x'.repeat(10_000) },
      { keystore_alias: 'a', hsm_cluster_id: '00000000-0000-4000-8000-000000000000' }, { keystore_alias: 'fz', hsm_cluster_id: instance.id, hsm_ca_cert: pemShaped },
      { keystore_alias: 'fz', hsm_cluster_id: instance.id, hsm_ca_cert: 'x'.repeat(20_000) }, { keystore_alias: 'fz', hsm_cluster_id: instance.id, hsm_ca_cert: { pem: 1 } },
    ];
    for (const [i, body] of bodies.entries()) note(`create-key-store #${i}`, await system.api.call('POST', KEYSTORES, body));
    for (const q of ['limit=abc', 'limit=1e999', 'offset=-1', 'limit=0', 'limit=101', `offset=${'9'.repeat(400)}`]) note(`list ${q.slice(0, 20)}`, await system.api.call('GET', `${KEYSTORES}?${q}`));
    for (const keystore_id of [123, null, {}, ['x']]) note(`create-key ${JSON.stringify(keystore_id)}`, await system.api.kms('create-key', { key_alias: `fz-${randomBytes(3).toString('hex')}`, keystore_id }));
    // keystore_id null is absent (KMS's own store): the key is created; any other odd value is refused.
    const isNull = answers.find((a) => a.what === 'create-key null');
    expect(isNull).toEqual({ what: 'create-key null', status: 200 });
    // So is any other optional field sent as null (docs/api-decisions.md, "Null fields"): each was once a 500.
    for (const field of ['enterprise_project_id', 'tags', 'key_description', 'origin']) {
      const made = await system.api.kms('create-key', { key_alias: `fz-${randomBytes(3).toString('hex')}`, [field]: null });
      expect([field, made.status]).toEqual([field, 200]);
    }
    expect(answers.filter((a) => a !== isNull && (a.status >= 500 || a.status < 400 || !(a.code ?? '').startsWith('KMS.')))).toEqual([]);
    const listed = await system.api.call<{ total: number }>('GET', KEYSTORES);
    expect(listed.body.total).toBe(1);
  });
});

