import { generateKeyPairSync, sign } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { Kvm } from '@nats-io/kv';
import { kvBuckets } from '@dew/messaging';
import { adminMessage, type HsmAdminClient, type HsmClient } from '@dew/hsm-client';
import type { Appliance } from '../test/appliance.js';
import { codeOf, publicKeyPem as otherPem, startAdminFixture, type AdminFixture } from '../test/admin-fixture.js';

let f: AdminFixture;
let hsm: Appliance;
let admin: HsmAdminClient;
let client: HsmClient;

beforeAll(async () => {
  f = await startAdminFixture('admin1', 'app-admin');
  ({ hsm, admin, client } = f);
}, 60_000);

afterAll(async () => {
  await f?.stop();
});

test('Initialize a second time, even with the right UKey, is refused: the instance is initialised once', async () => {
  expect(await codeOf(admin.initialize(hsm.ukey.publicPem))).toEqual({ code: grpc.status.FAILED_PRECONDITION, details: 'the instance is initialised already' });
});

test('IssueCertificate refuses a common name starting dew-kms: (any case): only the control-plane relay names KMS\'s access certificates', async () => {
  for (const name of ['dew-kms:0a1b2c3d-0000-4000-8000-000000000001', 'DEW-KMS:store', ' dew-kms:x']) {
    const r = await codeOf(admin.issueCertificate(name, otherPem()));
    expect(r).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, details: expect.stringContaining('is reserved: names starting dew-kms: are KMS\'s access certificates') });
  }
  expect(await codeOf(admin.issueCertificate('my-dew-kms:app', otherPem()))).toBe('served');
});

test('an admin call signed by another Ed25519 key is refused UNAUTHENTICATED', async () => {
  const intruder = generateKeyPairSync('ed25519').privateKey;
  const r = await codeOf(admin.signedCall('IssueCertificate', { commonName: 'x', publicKey: otherPem() }, { commonName: 'x', publicKey: otherPem() }, intruder));
  expect(r).toEqual({ code: grpc.status.UNAUTHENTICATED, details: 'the signature of IssueCertificate does not verify with the UKey' });
});

test('a UKey signature over other fields than the call carries is refused (it authorises exactly one call)', async () => {
  const r = await codeOf(admin.signedCall('RevokeCertificate', { serial: '0a' }, { serial: '0b' }));
  expect(r).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
});

test('admin calls without a UKey signature, or replaying a used challenge, are refused UNAUTHENTICATED', async () => {
  expect(await codeOf(admin.call('IssueCertificate', { commonName: 'x', publicKey: otherPem() }))).toEqual({ code: grpc.status.UNAUTHENTICATED, details: 'IssueCertificate must be signed with the instance\'s UKey' });
  const { challenge } = await admin.call<{ challenge: Buffer }>('GetChallenge', {});
  const signature = sign(null, adminMessage('RevokeCertificate', hsm.instanceId, challenge, { serial: '0c' }), hsm.ukey.privateKey);
  expect(await admin.call('RevokeCertificate', { serial: '0c', auth: { challenge, signature } })).toEqual({ revoked: true });
  expect(await codeOf(admin.call('RevokeCertificate', { serial: '0c', auth: { challenge, signature } }))).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
});

test.each(['AES_256', 'EC_P256'])('a %s key backed up, destroyed and restored into the same instance works again under its id', async (keyType) => {
  const key = await client.generateKey(keyType, `backed-up-${keyType}`);
  const message = Buffer.from(`data for ${keyType}`);
  const use = async (): Promise<unknown> => (keyType === 'AES_256'
    ? client.decrypt(key.keyId, ...(Object.values(await client.encrypt(key.keyId, message)) as [Buffer, Buffer]))
    : client.verify(key.keyId, 'ECDSA_SHA256', message, await client.sign(key.keyId, 'ECDSA_SHA256', message)));
  const working = await use();
  const backup = await admin.backupKey(key.keyId);
  expect(backup.includes(Buffer.from(message))).toBe(false);
  expect(await client.destroyKey(key.keyId)).toBe(true);
  expect(await codeOf(use())).toMatchObject({ code: grpc.status.NOT_FOUND });

  expect(await admin.restoreKey(backup)).toMatchObject({ keyId: key.keyId, keyType });
  expect(await use()).toEqual(working);
  expect((await client.listKeys()).map((k) => k.keyId)).toContain(key.keyId);
});

test('a restore without the UKey signature is refused and restores nothing', async () => {
  const key = await client.generateKey('AES_128', 'not-restored');
  const backup = await admin.backupKey(key.keyId);
  await client.destroyKey(key.keyId);
  expect(await codeOf(admin.call('RestoreKey', { backup }))).toMatchObject({ code: grpc.status.UNAUTHENTICATED });
  expect((await client.listKeys()).map((k) => k.keyId)).not.toContain(key.keyId);
});

test('the admin port, which authenticates only the server, has no Health: it answers UNIMPLEMENTED to a caller without a UKey', async () => {
  const raw = new grpc.Client(`${hsm.floating}:${hsm.adminPort}`, grpc.credentials.createSsl(await hsm.caPem()));
  try {
    const r = await codeOf(new Promise((resolve, reject) => {
      raw.makeUnaryRequest('/dew.hsm.v1.HsmAdmin/Health', () => Buffer.alloc(0), (b: Buffer) => b, {}, (err, value) => (err ? reject(err) : resolve(value)));
    }));
    expect(r).toMatchObject({ code: grpc.status.UNIMPLEMENTED });
  } finally {
    raw.close();
  }
});

test('an administrator registration in the shared state naming another key (not written by Initialize) is refused: calls signed by that key do not pass, and the issued UKey stays the only administrator', async () => {
  const nc = await f.nats.connect();
  const state = await new Kvm(nc).open(kvBuckets.hsmState.name);
  const forged = generateKeyPairSync('ed25519');
  try {
    await state.put(`${hsm.instanceId}.admin`, forged.publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const r = await codeOf(admin.signedCall('IssueCertificate', { commonName: 'x', publicKey: otherPem() }, { commonName: 'x', publicKey: otherPem() }, forged.privateKey));
    expect(r).toEqual({ code: grpc.status.FAILED_PRECONDITION, details: 'the instance\'s registered administrator is not the UKey issued for it' });
  } finally {
    await state.put(`${hsm.instanceId}.admin`, hsm.ukey.publicPem);
    await nc.close();
  }
  expect(await codeOf(admin.issueCertificate('after-restore', otherPem()))).toBe('served');
});
