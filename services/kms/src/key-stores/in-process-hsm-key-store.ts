import { createCipheriv, createDecipheriv, createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { InvalidKmsParameter, KmsInternalFault } from '@dew/contracts';
import { isSigningAlgorithm, signMessage, verifyMessage } from '@dew/crypto';
import { backdated, certificate, name, pem, randomSerial } from '@dew/x509';
import type { HsmKeySpec, HsmKeyStorePort, KeyStoreBinding } from './hsm-key-store.port.js';

type Held = { readonly keystoreId: string; readonly spec: HsmKeySpec } & ({ readonly secret: Buffer } | { readonly privateKey: KeyObject });

const NOT_AUTHENTIC = 'cipher_text failed authentication (tampered, wrong additional_authenticated_data, or not made by this key)';
const RSA_BITS: Readonly<Record<string, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const EC_CURVE: Readonly<Record<string, string>> = { EC_P256: 'prime256v1', EC_P384: 'secp384r1' };

/**
 * TEST SUPPORT ONLY: the HSM key store port in this process with real node:crypto (AES-256-GCM,
 * RSA, ECDSA), keys in memory. Unit and int specs use it; a DEW started with the test-only
 * setting DEW_TEST_KMS_IN_PROCESS_HSM=1 wires it until the hsmaccess adapter is merged. Not an HSM:
 * the material lives in KMS's memory. `unreachable` makes every call fail as a lost connection does.
 */
export class InProcessHsmKeyStore implements HsmKeyStorePort {
  readonly #keys = new Map<string, Held>();
  unreachable = false;

  async enroll(binding: KeyStoreBinding, caCertPem: string) {
    this.#reach();
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
    const subject = name(`kms ${binding.keystoreId}`, `project ${binding.projectId}`);
    const now = new Date();
    const der = certificate(
      { serial: randomSerial(), issuer: subject, issuerSpki: spki, subject, subjectSpki: spki, notBefore: backdated(now), notAfter: new Date(now.getTime() + 365 * 86_400_000), usage: 'client' },
      (tbs) => sign('sha256', tbs, pair.privateKey),
    );
    return { certificatePem: pem('CERTIFICATE', der), privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), caCertPem };
  }

  async generateKey(binding: KeyStoreBinding, spec: HsmKeySpec, _label: string) {
    this.#reach();
    const hsmKeyId = randomUUID();
    if (spec === 'AES_256') {
      this.#keys.set(hsmKeyId, { keystoreId: binding.keystoreId, spec, secret: randomBytes(32) });
      return { hsmKeyId };
    }
    const pair = RSA_BITS[spec] !== undefined
      ? generateKeyPairSync('rsa', { modulusLength: RSA_BITS[spec] })
      : generateKeyPairSync('ec', { namedCurve: EC_CURVE[spec] ?? 'prime256v1' });
    this.#keys.set(hsmKeyId, { keystoreId: binding.keystoreId, spec, privateKey: pair.privateKey });
    return { hsmKeyId, publicKeyDer: pair.publicKey.export({ type: 'spki', format: 'der' }) };
  }

  async encrypt(binding: KeyStoreBinding, hsmKeyId: string, plaintext: Buffer, aad: Buffer): Promise<Buffer> {
    const secret = this.#secret(binding, hsmKeyId);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', secret, iv);
    cipher.setAAD(aad);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  async decrypt(binding: KeyStoreBinding, hsmKeyId: string, ciphertext: Buffer, aad: Buffer): Promise<Buffer> {
    const secret = this.#secret(binding, hsmKeyId);
    if (ciphertext.length < 28) throw InvalidKmsParameter(NOT_AUTHENTIC);
    const decipher = createDecipheriv('aes-256-gcm', secret, ciphertext.subarray(0, 12));
    decipher.setAAD(aad);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    try {
      return Buffer.concat([decipher.update(ciphertext.subarray(12, ciphertext.length - 16)), decipher.final()]);
    } catch {
      throw InvalidKmsParameter(NOT_AUTHENTIC);
    }
  }

  async sign(binding: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: 'RAW' | 'DIGEST'): Promise<Buffer> {
    const privateKey = this.#private(binding, hsmKeyId);
    if (!isSigningAlgorithm(algorithm)) throw InvalidKmsParameter(`signing_algorithm ${algorithm.slice(0, 40)} is unknown`);
    return signMessage(privateKey, algorithm, message, messageType);
  }

  async verify(binding: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: 'RAW' | 'DIGEST', signature: Buffer): Promise<boolean> {
    const privateKey = this.#private(binding, hsmKeyId);
    if (!isSigningAlgorithm(algorithm)) throw InvalidKmsParameter(`signing_algorithm ${algorithm.slice(0, 40)} is unknown`);
    return verifyMessage(createPublicKey(privateKey), algorithm, message, messageType, signature);
  }

  async destroyKey(binding: KeyStoreBinding, hsmKeyId: string): Promise<void> {
    this.#reach();
    const held = this.#keys.get(hsmKeyId);
    if (held && held.keystoreId === binding.keystoreId) this.#keys.delete(hsmKeyId);
  }

  /** Whether the instance still holds the key (specs check destruction). */
  holds(hsmKeyId: string): boolean {
    return this.#keys.has(hsmKeyId);
  }

  #reach(): void {
    if (this.unreachable) throw new Error('connection to the HSM instance lost');
  }

  #held(binding: KeyStoreBinding, hsmKeyId: string): Held {
    this.#reach();
    const held = this.#keys.get(hsmKeyId);
    if (!held || held.keystoreId !== binding.keystoreId) throw KmsInternalFault(`HSM key ${hsmKeyId} is not in key store ${binding.keystoreId}`);
    return held;
  }

  #secret(binding: KeyStoreBinding, hsmKeyId: string): Buffer {
    const held = this.#held(binding, hsmKeyId);
    if (!('secret' in held)) throw KmsInternalFault(`HSM key ${hsmKeyId} is ${held.spec}, not AES_256`);
    return held.secret;
  }

  #private(binding: KeyStoreBinding, hsmKeyId: string): KeyObject {
    const held = this.#held(binding, hsmKeyId);
    if (!('privateKey' in held)) throw InvalidKmsParameter(`HSM key ${hsmKeyId} is ${held.spec}: it does not sign`);
    return held.privateKey;
  }
}
