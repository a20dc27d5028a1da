import { createHash, createPublicKey, constants, randomUUID, verify as verifySignature, X509Certificate } from 'node:crypto';
import { Bus } from '@dew/nest-kit';
import { rememberSecret, tracesOf } from '@dew/testing';
import { applicationClient, dewWithHsmNodes, failoverUnderLoad, initialisedAdmin, instanceCa, runningInstance } from '@dew/testing/dhsm';
import { HsmKeyStores } from '../src/key-stores/hsm-key-stores.js';
import { KeyStoreCredentials, type KeyStoreAccess, type KeyStoreBinding } from '../src/key-stores/hsm-key-store.port.js';
import { KeyStoreError } from '../src/key-stores/hsm-key-store.errors.js';
import { ENDPOINT_FRESH_MS } from '../src/key-stores/instance-endpoints.js';

/**
 * Issue 18's crypto half: KMS's own access to a Dedicated HSM instance (docs/key-stores-hsm.md).
 * A real instance bought through the API, its nodes launched by hsm-provisioning; the adapter on
 * a bus connection of the kms NATS user, as the kms service has it.
 */
const system = dewWithHsmNodes();
const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const HOUR = 3_600_000;

/** The keystore side's persistence, in memory (the real one seals the private key with KMS's keyring). */
class HeldCredentials extends KeyStoreCredentials {
  readonly held = new Map<string, KeyStoreAccess>();
  async of(b: KeyStoreBinding): Promise<KeyStoreAccess> {
    const a = this.held.get(b.keystoreId);
    if (!a) throw new Error(`no access for ${b.keystoreId}`);
    return a;
  }
}

function rememberEnrolment<T extends { privateKeyPem: string }>(e: T): T {
  rememberSecret('private-key', e.privateKeyPem);
  return e;
}

const refusal = async (p: Promise<unknown>): Promise<{ kind: string; retryable: boolean; message: string }> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof KeyStoreError) return { kind: err.kind, retryable: err.retryable, message: err.message };
    throw err;
  }
  throw new Error('expected a KeyStoreError');
};

describe('KMS access to a Dedicated HSM instance (key stores)', () => {
  it('enrols dew-kms:<id> through the active node, refuses another project and another CA, runs AES/RSA/EC keys in the HSM (RAW and DIGEST signing, a DIGEST of the wrong length refused), survives kill -9 of the active node with no wrong result, loses access once its certificate is revoked, and says the instance is Frozen once it is', async () => {
    const { dew, api } = system;
    const instance = await runningInstance(dew, api, 'keystore', 'subnet-keystore');
    const ca = (await instanceCa(api, instance.id)).toString();
    const projectId = dew.credentials.project_id;
    const credentials = new HeldCredentials();
    const stores = new HsmKeyStores(new Bus(await dew.connectNats('kms')), credentials);
    const binding: KeyStoreBinding = { keystoreId: `ks-${randomUUID().slice(0, 8)}`, projectId, hsmClusterId: instance.id };
    try {
      // Another project: refused, no certificate issued.
      expect(await refusal(stores.enroll({ ...binding, projectId: randomUUID().replaceAll('-', '') }, ca))).toMatchObject({ kind: 'refused', message: expect.stringContaining('does not exist in this project') });

      const enrolment = await stores.enroll(binding, ca);
      rememberSecret('private-key', enrolment.privateKeyPem);
      const cert = new X509Certificate(enrolment.certificatePem);
      expect(cert.subject).toContain(`CN=dew-kms:${binding.keystoreId}`);
      expect(cert.checkIssued(new X509Certificate(ca))).toBe(true);
      expect(cert.publicKey.export({ type: 'spki', format: 'der' })).toEqual(createPublicKey(enrolment.privateKeyPem).export({ type: 'spki', format: 'der' }));
      credentials.held.set(binding.keystoreId, enrolment);
      // A CA certificate that is not the instance's: refused.
      expect(await refusal(stores.enroll({ ...binding, keystoreId: 'ks-other-ca' }, enrolment.certificatePem))).toMatchObject({ kind: 'refused', message: expect.stringContaining('not the one of instance') });

      // Keys in the HSM, the instance accepting KMS's certificate.
      const aes = await stores.generateKey(binding, 'AES_256', 'kms aes');
      expect(aes.publicKeyDer).toBeUndefined();
      const aad = Buffer.from('key store e2e');
      const plaintext = Buffer.from(rememberSecret('plaintext', `kept by key store ${binding.keystoreId}`));
      const sealed = await stores.encrypt(binding, aes.hsmKeyId, plaintext, aad);
      expect(sealed.includes(plaintext)).toBe(false);
      expect(await stores.decrypt(binding, aes.hsmKeyId, sealed, aad)).toEqual(plaintext);
      expect(await refusal(stores.decrypt(binding, aes.hsmKeyId, sealed, Buffer.from('other aad')))).toMatchObject({ kind: 'invalid-input' });

      const message = Buffer.from('a message KMS signs in the HSM');
      for (const [spec, algorithm, check] of [
        ['EC_P256', 'ECDSA_SHA_256', { dsaEncoding: 'der' as const }],
        ['EC_P384', 'ECDSA_SHA_384', { dsaEncoding: 'der' as const }],
        ['RSA_2048', 'RSASSA_PSS_SHA_256', { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }],
        ['RSA_3072', 'RSASSA_PKCS1_V1_5_SHA_384', {}],
      ] as const) {
        const pair = await stores.generateKey(binding, spec, `kms ${spec}`);
        const signature = await stores.sign(binding, pair.hsmKeyId, algorithm, message, 'RAW');
        const hash = algorithm.endsWith('384') ? 'sha384' : 'sha256';
        const key = createPublicKey({ key: pair.publicKeyDer!, format: 'der', type: 'spki' });
        // OpenSSL (node:crypto) verifies what the HSM signed, with the public key it returned.
        expect([spec, verifySignature(hash, message, { key, ...check }, signature)]).toEqual([spec, true]);
        expect(await stores.verify(binding, pair.hsmKeyId, algorithm, message, 'RAW', signature)).toBe(true);
        expect(await stores.verify(binding, pair.hsmKeyId, algorithm, Buffer.from('another message'), 'RAW', signature)).toBe(false);
        // DIGEST (Huawei's default message_type): the HSM signs the digest KMS was given, and OpenSSL verifies it over the message.
        const digest = createHash(hash).update(message).digest();
        const overDigest = await stores.sign(binding, pair.hsmKeyId, algorithm, digest, 'DIGEST');
        expect([spec, verifySignature(hash, message, { key, ...check }, overDigest)]).toEqual([spec, true]);
        expect(await stores.verify(binding, pair.hsmKeyId, algorithm, digest, 'DIGEST', overDigest)).toBe(true);
        expect(await stores.verify(binding, pair.hsmKeyId, algorithm, digest, 'DIGEST', signature)).toBe(true);
        expect(await stores.verify(binding, pair.hsmKeyId, algorithm, createHash(hash).update('another message').digest(), 'DIGEST', overDigest)).toBe(false);
        expect(await refusal(stores.sign(binding, pair.hsmKeyId, algorithm, digest.subarray(1), 'DIGEST'))).toMatchObject({
          kind: 'invalid-input', message: `key store ${binding.keystoreId}: message of DIGEST type must be ${digest.length} bytes for ${hash === 'sha384' ? 'SHA-384' : 'SHA-256'}, got ${digest.length - 1}`,
        });
      }
      // What a key store does not offer is refused before the HSM is asked.
      expect(await refusal(stores.generateKey(binding, 'SM4', 'x'))).toMatchObject({ kind: 'unsupported', message: expect.stringContaining('AES_256, RSA_2048') });
      expect(await refusal(stores.generateKey(binding, 'RSA_4096', 'x'))).toMatchObject({ kind: 'unsupported' });
      expect(await refusal(stores.sign(binding, aes.hsmKeyId, 'ECDSA_SHA_512', message, 'DIGEST'))).toMatchObject({ kind: 'unsupported' });

      // The issuance is in the instance's audit trail, by KMS, under the project.
      const window = `from=${Date.now() - HOUR}&to=${Date.now() + 24 * HOUR}`;
      const issued = await tracesOf(api, `${window}&service_type=HSM&trace_name=issueHsmCertificate&trace_rating=normal`, 1);
      expect(issued.traces.map((t) => [t.resource_name, t.user.name])).toContainEqual([`dew-kms:${binding.keystoreId}`, 'KMS (through hsm-provisioning)']);

      // KMS's keys are its key store's alone (docs/key-stores-hsm.md, "KMS's own token"): an application
      // certificate of the instance and another key store's certificate find none of them, as if missing.
      const { admin } = await initialisedAdmin(api, instance, Buffer.from(ca));
      const app = await applicationClient(admin, instance, Buffer.from(ca), 'some-application');
      const appKey = await app.generateKey('AES_256', 'the application\'s own key');
      const codeOf = (p: Promise<unknown>) => p.then(() => 'served', (err: { code?: number }) => err.code);
      const NOT_FOUND = 5;
      expect((await app.listKeys()).map((k) => k.keyId)).toEqual([appKey.keyId]);
      expect(await codeOf(app.decrypt(aes.hsmKeyId, sealed.subarray(0, 12), sealed.subarray(12), aad))).toBe(NOT_FOUND);
      expect(await codeOf(app.encrypt(aes.hsmKeyId, plaintext, aad))).toBe(NOT_FOUND);
      expect(await codeOf(app.wrap(appKey.keyId, aes.hsmKeyId))).toBe(NOT_FOUND);
      expect(await app.destroyKey(aes.hsmKeyId)).toBe(false);
      app.close();
      const other: KeyStoreBinding = { ...binding, keystoreId: `ks-${randomUUID().slice(0, 8)}` };
      credentials.held.set(other.keystoreId, rememberEnrolment(await stores.enroll(other, ca)));
      expect(await refusal(stores.decrypt(other, aes.hsmKeyId, sealed, aad))).toMatchObject({ kind: 'key-missing' });
      // Destroying another's key destroys nothing (as for a missing key): KMS's key store still opens its ciphertext.
      await stores.destroyKey(other, aes.hsmKeyId);
      expect(await stores.decrypt(binding, aes.hsmKeyId, sealed, aad)).toEqual(plaintext);

      // kill -9 of the active node during a loop of encrypt/decrypt: calls resume, none is wrong.
      const run = await failoverUnderLoad(dew.dataDir, instance, async (n) => {
        const p = Buffer.from(`failover ${n}`);
        return (await stores.decrypt(binding, aes.hsmKeyId, await stores.encrypt(binding, aes.hsmKeyId, p, aad), aad)).equals(p);
      });
      process.stdout.write(`key store failover: calls resumed ${run.resumedMs} ms after kill -9 of node ${run.killed}; ${run.ok} encrypt+decrypt round trips right, ${run.wrong} wrong, ${run.failures.length} failed\n`);
      expect(run.wrong).toBe(0);
      expect(run.failures).toEqual([]);
      expect(run.resumedMs).toBeLessThan(8_000);

      // The UKey holder revokes KMS's certificate like any other: KMS loses access, not retryable.
      await admin.revokeCertificate(enrolment.serial);
      admin.close();
      expect(await refusal(stores.encrypt(binding, aes.hsmKeyId, plaintext, aad))).toMatchObject({ kind: 'unavailable', retryable: false, message: expect.stringContaining('refuses KMS\'s access certificate') });

      // Expired without auto-renewal: Frozen, its nodes stopped; KMS says so (once the status it keeps 5 s is renewed).
      await dew.advanceClock('hsm-provisioning', 32 * 24 * HOUR);
      await pause(ENDPOINT_FRESH_MS + 100);
      expect(await refusal(stores.encrypt(binding, aes.hsmKeyId, plaintext, aad))).toMatchObject({ kind: 'unavailable', retryable: false, message: expect.stringContaining('is Frozen') });
    } finally {
      stores.onModuleDestroy();
    }
  }, 120_000);
});
