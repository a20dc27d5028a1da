import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DewSystem, IamUsers, marker, refusal, rememberSecret, tracesOf, type SdkClient } from '@dew/testing';
import { DATAKEY_PAIR_MODEL, DERIVE_SHARED_SECRET_MODEL } from './conformance/kms-pair-models.js';
import { conformanceErrors } from './conformance/walk.js';

let dew: DewSystem;
let api: SdkClient;
let cmk: string;
const work = mkdtempSync(join(tmpdir(), 'dew-pairs-'));

beforeAll(async () => {
  dew = await DewSystem.start();
  api = dew.client();
  cmk = await createKey('AES_256');
});
afterAll(async () => {
  await dew?.stop();
});

async function createKey(spec: string, usage?: string): Promise<string> {
  const res = await api.kms<{ key_info: { key_id: string } }>('create-key', { key_alias: `pair-${spec}-${randomBytes(3).toString('hex')}`, key_spec: spec, ...(usage ? { key_usage: usage } : {}) });
  expect(res.status).toBe(200);
  return res.body.key_info.key_id;
}

function openssl(...args: string[]): Buffer {
  return execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Writes bytes to a fresh file in the work directory and answers its name. */
function file(prefix: string, bytes: Buffer | string): string {
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  writeFileSync(join(work, name), bytes);
  return name;
}

interface PairReply {
  key_id: string;
  key_spec: string;
  public_key: string;
  private_key_cipher_text: string;
  private_key_plain_text?: string;
}

const ENDPOINT = (spec: string) => (spec.startsWith('RSA') ? 'create-rsa-datakey-pair' : 'create-ec-datakey-pair');
const SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2'];

/** decrypt-data of the pair's private_key_cipher_text: the PKCS#8 DER of the private key. */
async function openPrivateKey(pair: PairReply, aad: string): Promise<Buffer> {
  const dec = await api.kms<{ key_id: string; plain_text_base64: string }>('decrypt-data', { cipher_text: pair.private_key_cipher_text, additional_authenticated_data: aad });
  expect(dec.status).toBe(200);
  expect(dec.body.key_id).toBe(cmk);
  return rememberSecret('private-key', Buffer.from(dec.body.plain_text_base64, 'base64'));
}

/** The openssl CLI: the private key's public half is public_key, and a signature it makes verifies under public_key. */
function expectPairWithOpenssl(spec: string, privateDer: Buffer, publicKeyB64: string): void {
  const priv = file('priv', privateDer);
  expect(openssl('pkey', '-inform', 'DER', '-in', priv, '-pubout', '-outform', 'DER').equals(Buffer.from(publicKeyB64, 'base64'))).toBe(true);
  const pub = file('pub', openssl('pkey', '-pubin', '-inform', 'DER', '-in', file('pubder', Buffer.from(publicKeyB64, 'base64')), '-outform', 'PEM'));
  const message = file('msg', marker('plaintext'));
  const digest = spec === 'SM2' ? '-sm3' : '-sha256';
  const signature = file('sig', openssl('dgst', digest, '-keyform', 'DER', '-sign', priv, message));
  expect(openssl('dgst', digest, '-verify', pub, '-signature', signature, message).toString()).toContain('Verified OK');
}

describe('create-rsa-datakey-pair / create-ec-datakey-pair through the gateway, as the SDK calls them', () => {
  for (const spec of SPECS) {
    it(`${spec} with plaintext: SDK model fields; decrypt-data of the ciphertext gives the plaintext private key, whose public half (openssl) is public_key and whose signature verifies`, async () => {
      const aad = marker('aad');
      const res = await api.kms<PairReply>(ENDPOINT(spec), { key_id: cmk, key_spec: spec, with_plain_text: true, additional_authenticated_data: aad });
      expect(res.status).toBe(200);
      expect(conformanceErrors(res.body, DATAKEY_PAIR_MODEL)).toEqual([]);
      expect([res.body.key_id, res.body.key_spec]).toEqual([cmk, spec]);
      const plain = rememberSecret('private-key', Buffer.from(res.body.private_key_plain_text!, 'base64'));
      expect((await openPrivateKey(res.body, aad)).equals(plain)).toBe(true);
      expectPairWithOpenssl(spec, plain, res.body.public_key);
    });

    it(`${spec} without plaintext: no private_key_plain_text field at all; the sealed private key still matches public_key`, async () => {
      const res = await api.kms<PairReply>(ENDPOINT(spec), { key_id: cmk, key_spec: spec, with_plain_text: false });
      expect(res.status).toBe(200);
      expect(conformanceErrors(res.body, DATAKEY_PAIR_MODEL)).toEqual([]);
      expect(Object.keys(res.body).sort()).toEqual(['key_id', 'key_spec', 'private_key_cipher_text', 'public_key']);
      expectPairWithOpenssl(spec, await openPrivateKey(res.body, ''), res.body.public_key);
    });
  }

  it('an SM4 CMK seals the private key in its own construction (format byte 0x02), and decrypt-data opens it', async () => {
    const sm4 = await createKey('SM4');
    const res = await api.kms<PairReply>('create-ec-datakey-pair', { key_id: sm4, key_spec: 'ECC_NIST_P256', with_plain_text: true, additional_authenticated_data: 'sm4' });
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body.private_key_cipher_text, 'base64')[0]).toBe(0x02);
    const dec = await api.kms<{ key_id: string; plain_text_base64: string }>('decrypt-data', { cipher_text: res.body.private_key_cipher_text, additional_authenticated_data: 'sm4' });
    expect([dec.status, dec.body.key_id]).toEqual([200, sm4]);
    expect(rememberSecret('private-key', Buffer.from(dec.body.plain_text_base64, 'base64')).equals(Buffer.from(res.body.private_key_plain_text!, 'base64'))).toBe(true);
  });

  it('with_plain_text absent means true: the plaintext private key is answered', async () => {
    const res = await api.kms<PairReply>('create-ec-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256' });
    expect(res.status).toBe(200);
    expect(rememberSecret('private-key', Buffer.from(res.body.private_key_plain_text!, 'base64')).length).toBeGreaterThan(0);
  });

  it('the AAD is bound: decrypt-data with another AAD is refused', async () => {
    const res = await api.kms<PairReply>('create-ec-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256', with_plain_text: false, additional_authenticated_data: 'bound' });
    expect(refusal(await api.kms('decrypt-data', { cipher_text: res.body.private_key_cipher_text, additional_authenticated_data: 'other' }))).toEqual({ status: 400, code: 'KMS.0308' });
  });

  it('a spec of the other family, an unknown spec, no spec: 400 naming the accepted specs', async () => {
    const ecOnRsa = await api.kms('create-rsa-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256' });
    expect(refusal(ecOnRsa)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(ecOnRsa.errorMsg).toContain('RSA_2048, RSA_3072, RSA_4096');
    const cmkSpec = await api.kms('create-ec-datakey-pair', { key_id: cmk, key_spec: 'EC_P256' });
    expect(refusal(cmkSpec)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(cmkSpec.errorMsg).toContain('ECC_NIST_P256');
    expect(refusal(await api.kms('create-ec-datakey-pair', { key_id: cmk }))).toEqual({ status: 400, code: 'KMS.0204' });
    const notBoolean = await api.kms('create-ec-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256', with_plain_text: 'no' });
    expect(refusal(notBoolean)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(notBoolean.errorMsg).toContain('with_plain_text');
  });

  it('a CMK that cannot seal (an EC signing key, an RSA encryption key) or a disabled one: 400 naming what is needed', async () => {
    const signer = await createKey('EC_P256');
    const wrongUsage = await api.kms('create-rsa-datakey-pair', { key_id: signer, key_spec: 'RSA_2048' });
    expect(refusal(wrongUsage)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(wrongUsage.errorMsg).toContain('ENCRYPT_DECRYPT');
    const rsa = await createKey('RSA_2048', 'ENCRYPT_DECRYPT');
    const wrongSpec = await api.kms('create-ec-datakey-pair', { key_id: rsa, key_spec: 'ECC_NIST_P256' });
    expect(refusal(wrongSpec)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(wrongSpec.errorMsg).toContain('AES_256');
    const disabled = await createKey('AES_256');
    expect((await api.kms('disable-key', { key_id: disabled })).status).toBe(200);
    expect(refusal(await api.kms('create-ec-datakey-pair', { key_id: disabled, key_spec: 'ECC_NIST_P256' }))).toEqual({ status: 400, code: 'KMS.0209' });
  });

  it('each pair call left a trace under its Huawei name, holding no private key', async () => {
    for (const name of ['createRsaDatakeyPair', 'createEcDatakeyPair']) {
      const { traces } = await tracesOf(api, `trace_name=${name}&resource_id=${cmk}`, 1);
      expect(traces.length).toBeGreaterThan(0);
      for (const t of traces) {
        expect(t.code).toBe('200');
        expect(t.request).not.toContain('private_key');
      }
    }
  });
});

describe('derive-shared-secret through the gateway, as the SDK calls it', () => {
  /** A peer key pair made by openssl on `curve`: its PEM file and its SubjectPublicKeyInfo in base64. */
  function peerKey(curve: string): { pem: string; spki: string } {
    const pem = file('peer', openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${curve}`));
    return { pem, spki: openssl('pkey', '-in', pem, '-pubout', '-outform', 'DER').toString('base64') };
  }

  async function kmsPublicKeyFile(keyId: string): Promise<string> {
    const res = await api.kms<{ public_key: string }>('get-publickey', { key_id: keyId });
    expect(res.status).toBe(200);
    return file('kmspub', res.body.public_key);
  }

  for (const [spec, curve] of [['EC_P256', 'P-256'], ['EC_P384', 'P-384'], ['SECP256K1', 'secp256k1']] as const) {
    it(`${spec}: the secret DEW derives equals openssl pkeyutl -derive on the peer's side with the key's get-publickey`, async () => {
      const keyId = await createKey(spec);
      const peer = peerKey(curve);
      const res = await api.kms<{ key_id: string; key_agreement_algorithm: string; shared_secret: string }>('derive-shared-secret', { key_id: keyId, key_agreement_algorithm: 'ECDH', public_key: peer.spki });
      expect(res.status).toBe(200);
      expect(conformanceErrors(res.body, DERIVE_SHARED_SECRET_MODEL)).toEqual([]);
      expect([res.body.key_id, res.body.key_agreement_algorithm]).toEqual([keyId, 'ECDH']);
      const ours = rememberSecret('data-key', Buffer.from(res.body.shared_secret, 'base64'));
      const theirs = openssl('pkeyutl', '-derive', '-inkey', peer.pem, '-peerkey', await kmsPublicKeyFile(keyId));
      expect(ours.equals(theirs)).toBe(true);
    });
  }

  it("SM2: the secret DEW derives equals createECDH('SM2') on the peer's side (openssl 3.0's CLI has no SM2 derive)", async () => {
    const keyId = await createKey('SM2', 'SIGN_VERIFY');
    const peer = createECDH('SM2');
    const peerPoint = peer.generateKeys();
    // SubjectPublicKeyInfo { id-ecPublicKey, sm2 curve 1.2.156.10197.1.301 } of the peer's point.
    const peerSpki = Buffer.concat([Buffer.from('3059301306072a8648ce3d020106082a811ccf5501822d034200', 'hex'), peerPoint]);
    const res = await api.kms<{ shared_secret: string }>('derive-shared-secret', { key_id: keyId, key_agreement_algorithm: 'ECDH', public_key: peerSpki.toString('base64') });
    expect(res.status).toBe(200);
    expect(conformanceErrors(res.body, DERIVE_SHARED_SECRET_MODEL)).toEqual([]);
    const kmsSpki = openssl('pkey', '-pubin', '-in', await kmsPublicKeyFile(keyId), '-outform', 'DER');
    const theirs = peer.computeSecret(kmsSpki.subarray(kmsSpki.length - 65));
    expect(rememberSecret('data-key', Buffer.from(res.body.shared_secret, 'base64')).equals(theirs)).toBe(true);
  });

  it('refusals: a peer key on another curve names the expected curve; wrong usage, wrong spec, algorithm, recipient, garbage — all 400, none traced as a success', async () => {
    const keyId = await createKey('EC_P256');
    const p384 = peerKey('P-384');
    const p256 = peerKey('P-256');
    const wrongCurve = await api.kms('derive-shared-secret', { key_id: keyId, key_agreement_algorithm: 'ECDH', public_key: p384.spki });
    expect(refusal(wrongCurve)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(wrongCurve.errorMsg).toContain('P-256');
    const aes = await api.kms('derive-shared-secret', { key_id: cmk, key_agreement_algorithm: 'ECDH', public_key: p256.spki });
    expect(refusal(aes)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(aes.errorMsg).toContain('has usage ENCRYPT_DECRYPT');
    const rsa = await createKey('RSA_2048');
    const rsaKey = await api.kms('derive-shared-secret', { key_id: rsa, key_agreement_algorithm: 'ECDH', public_key: p256.spki });
    expect(refusal(rsaKey)).toEqual({ status: 400, code: 'KMS.0308' });
    expect(rsaKey.errorMsg).toContain('EC_P256 or EC_P384 or SECP256K1 or SM2; key');
    for (const body of [
      { key_agreement_algorithm: 'DH', public_key: p256.spki },
      { key_agreement_algorithm: 'ECDH', public_key: p256.spki, recipient: { attestation_document: 'x', key_encryption_algorithm: 'RSAES_OAEP_SHA_256' } },
      { key_agreement_algorithm: 'ECDH', public_key: Buffer.from('not a key').toString('base64') },
      { key_agreement_algorithm: 'ECDH', public_key: '%%%' },
    ]) {
      expect(refusal(await api.kms('derive-shared-secret', { key_id: keyId, ...body }))).toEqual({ status: 400, code: 'KMS.0308' });
    }
    // A success on another key, made after the refusals: once its trace is there, theirs would be too.
    const later = await createKey('EC_P256');
    expect((await api.kms('derive-shared-secret', { key_id: later, key_agreement_algorithm: 'ECDH', public_key: p256.spki })).status).toBe(200);
    expect((await tracesOf(api, `trace_name=deriveSharedSecret&resource_id=${later}`, 1)).traces).toHaveLength(1);
    for (const id of [keyId, cmk, rsa]) {
      const { traces } = await tracesOf(api, `trace_name=deriveSharedSecret&resource_id=${id}`, 0);
      expect(traces.filter((t) => t.code === '200')).toEqual([]);
    }
  });
});

describe('authorization: each route checks its own action on the key', () => {
  it('a user allowed only kms:cmk:createEcDataKeyPair makes EC pairs, but neither RSA pairs nor shared secrets (403)', async () => {
    const iam = new IamUsers(dew, api, 'pairs');
    const user = await iam.withPolicies([await iam.customPolicy([{ Effect: 'Allow', Action: ['kms:cmk:createEcDataKeyPair'] }])]);
    const ec = await user.client.kms<PairReply>('create-ec-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256', with_plain_text: false });
    expect(ec.status).toBe(200);
    expect(refusal(await user.client.kms('create-rsa-datakey-pair', { key_id: cmk, key_spec: 'RSA_2048' })).status).toBe(403);
    const signer = await createKey('EC_P256');
    const spki = openssl('pkey', '-in', file('peer', openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256')), '-pubout', '-outform', 'DER').toString('base64');
    expect(refusal(await user.client.kms('derive-shared-secret', { key_id: signer, key_agreement_algorithm: 'ECDH', public_key: spki })).status).toBe(403);
  });

  it('a grant of create-ec-datakey-pair lets a user without IAM rights make EC pairs with the key, and nothing else', async () => {
    const iam = new IamUsers(dew, api, 'pairgrant');
    const grantee = await iam.withPolicies([]);
    expect(refusal(await grantee.client.kms('create-ec-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256' })).status).toBe(403);
    const grant = await api.kms('create-grant', { key_id: cmk, grantee_principal: grantee.id, operations: ['create-ec-datakey-pair'] });
    expect(grant.status).toBe(200);
    expect((await grantee.client.kms('create-ec-datakey-pair', { key_id: cmk, key_spec: 'ECC_NIST_P256', with_plain_text: false })).status).toBe(200);
    expect(refusal(await grantee.client.kms('create-rsa-datakey-pair', { key_id: cmk, key_spec: 'RSA_2048' })).status).toBe(403);
  });
});
