import { generateKeyPairSync, randomUUID, X509Certificate } from 'node:crypto';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { dhsmOperations, DewError } from '@dew/contracts';
import { HsmClient, isTransient, type RetryPolicy } from '@dew/hsm-client';
import { Bus } from '@dew/nest-kit';
import { KeyStoreCredentials, type HsmKeyStorePort, type KeyStoreBinding, type KeyStoreEnrolment, type MessageType } from './hsm-key-store.port.js';
import {
  KeyStoreError, KeyStoreInvalidInput, KeyStoreKeyMissing, KeyStoreRefused, KeyStoreUnavailable,
} from './hsm-key-store.errors.js';
import { GCM_IV_BYTES, GCM_TAG_BYTES, keyTypeOf, signingCallOf } from './hsm-mechanisms.js';
import { InstanceEndpoints, keyStoreContext } from './instance-endpoints.js';

/**
 * Retries across a failover (docs/hsm-appliance.md, "Failover, measured": takeovers of 1.5–3.7 s):
 * about 8 s of jittered backoff, each attempt at most CALL_TIMEOUT_MS, and the whole call bounded by
 * CALL_DEADLINE_MS, after which it fails `unavailable`, retryable. A KMS request never hangs on it.
 */
export const KEY_STORE_RETRY: RetryPolicy = { attempts: 28, baseDelayMs: 50, maxDelayMs: 400 };
const CALL_TIMEOUT_MS = 2_000;
/** An RSA-3072/4096 generation on SoftHSM took over 2 s on a loaded CI machine; within CALL_DEADLINE_MS. */
const GENERATION_TIMEOUT_MS = 10_000;
export const CALL_DEADLINE_MS = 12_000;
const MAX_LABEL_CHARS = 128;
const ENROL_TIMEOUT_MS = 15_000;
/** About the failover window: enrolment waits out a takeover (or a node about to open its feed). */
const ENROL_ATTEMPTS = 10;
const ENROL_RETRY_MS = 500;

interface Connection {
  readonly client: HsmClient;
  readonly address: string;
}

/**
 * A node that ran out of time or capacity on a call (a loaded appliance, a generation slower than
 * CALL_TIMEOUT_MS) may serve the same call a moment later: KMS.2909, retry. Every call is safe to
 * repeat (docs/key-stores-hsm.md, "Failover").
 */
export function retryableHsmStatus(code: unknown): boolean {
  return code === status.DEADLINE_EXCEEDED || code === status.RESOURCE_EXHAUSTED || code === status.ABORTED;
}

/**
 * The HSM key-store port over the appliance's client SDK: one HsmClient per key store, made on its
 * first call from the persisted access (KeyStoreCredentials) and the instance's floating address
 * (hsm-provisioning), reused after (docs/key-stores-hsm.md).
 */
@Injectable()
export class HsmKeyStores implements HsmKeyStorePort, OnModuleDestroy {
  readonly #connections = new Map<string, Promise<Connection>>();
  constructor(
    private readonly bus: Bus,
    private readonly credentials: KeyStoreCredentials,
    private readonly endpoints: InstanceEndpoints = new InstanceEndpoints(bus),
  ) {}

  async enroll(b: KeyStoreBinding, caCertPem: string): Promise<KeyStoreEnrolment> {
    const e = await this.endpoints.of(b, true);
    if (e.status !== 'Running') throw KeyStoreUnavailable(b.keystoreId, `its Dedicated HSM instance ${e.instance_id} is ${e.status}: it must be Running`, false);
    if (e.ca_certificate === null) throw KeyStoreRefused(b.keystoreId, `instance ${e.instance_id} has no CA certificate yet`);
    if (!sameCertificate(e.ca_certificate, caCertPem)) throw KeyStoreRefused(b.keystoreId, `the CA certificate given is not the one of instance ${e.instance_id}`);
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicKey = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const issued = await this.#issue(b, publicKey);
    this.forget(b.keystoreId);
    return { certificatePem: issued.certificate, privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), caCertPem: issued.ca_certificate, serial: issued.serial };
  }

  /**
   * The issuance, retried while no active node answers (DHSM.0503): a node publishes the CA before
   * it opens its issuance feed, and a failover leaves none for a moment (docs/key-stores-hsm.md).
   */
  async #issue(b: KeyStoreBinding, publicKey: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.bus.call(dhsmOperations.issueKmsCertificate, { instance_id: b.hsmClusterId, keystore_id: b.keystoreId, public_key: publicKey }, keyStoreContext(b), { timeoutMs: ENROL_TIMEOUT_MS });
      } catch (err) {
        if (!(err instanceof DewError)) throw err;
        if (err.status < 500) throw KeyStoreRefused(b.keystoreId, err.message);
        if (attempt >= ENROL_ATTEMPTS) throw KeyStoreUnavailable(b.keystoreId, err.message, true);
        await new Promise((r) => setTimeout(r, ENROL_RETRY_MS));
      }
    }
  }

  async generateKey(b: KeyStoreBinding, spec: string, label: string): Promise<{ hsmKeyId: string; publicKeyDer?: Buffer }> {
    const type = keyTypeOf(spec);
    if (label.length > MAX_LABEL_CHARS) throw KeyStoreInvalidInput(b.keystoreId, `a key label must be at most ${MAX_LABEL_CHARS} characters, got ${label.length}`);
    // One request id for every retry: a generation retried across a failover makes one key.
    const requestId = randomUUID();
    const key = await this.#call(b, '', (c) => c.generateKey(type, label, undefined, requestId));
    return { hsmKeyId: key.keyId, ...(key.publicKey.length ? { publicKeyDer: Buffer.from(key.publicKey) } : {}) };
  }

  async encrypt(b: KeyStoreBinding, hsmKeyId: string, plaintext: Buffer, aad: Buffer): Promise<Buffer> {
    const { iv, ciphertext } = await this.#call(b, hsmKeyId, (c) => c.encrypt(hsmKeyId, plaintext, Buffer.from(aad)));
    return Buffer.concat([iv, ciphertext]);
  }

  async decrypt(b: KeyStoreBinding, hsmKeyId: string, ciphertext: Buffer, aad: Buffer): Promise<Buffer> {
    if (ciphertext.length < GCM_IV_BYTES + GCM_TAG_BYTES) throw KeyStoreInvalidInput(b.keystoreId, `a key store ciphertext is at least ${GCM_IV_BYTES + GCM_TAG_BYTES} bytes, got ${ciphertext.length}`);
    return this.#call(b, hsmKeyId, (c) => c.decrypt(hsmKeyId, ciphertext.subarray(0, GCM_IV_BYTES), ciphertext.subarray(GCM_IV_BYTES), Buffer.from(aad)));
  }

  async sign(b: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: MessageType): Promise<Buffer> {
    const { scheme, prehashed } = signingCallOf(b.keystoreId, algorithm, message, messageType);
    return this.#call(b, hsmKeyId, (c) => (prehashed ? c.signDigest(hsmKeyId, scheme, message) : c.sign(hsmKeyId, scheme, message)));
  }

  async verify(b: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: MessageType, signature: Buffer): Promise<boolean> {
    const { scheme, prehashed } = signingCallOf(b.keystoreId, algorithm, message, messageType);
    return this.#call(b, hsmKeyId, (c) => (prehashed ? c.verifyDigest(hsmKeyId, scheme, message, signature) : c.verify(hsmKeyId, scheme, message, signature)));
  }

  async destroyKey(b: KeyStoreBinding, hsmKeyId: string): Promise<void> {
    await this.#call(b, hsmKeyId, (c) => c.destroyKey(hsmKeyId));
  }

  forget(keystoreId: string): void {
    const connection = this.#connections.get(keystoreId);
    this.#connections.delete(keystoreId);
    void connection?.then((c) => c.client.close(), () => undefined);
  }

  onModuleDestroy(): void {
    for (const id of [...this.#connections.keys()]) this.forget(id);
  }

  /** One call on the key store's instance: its status checked first, failures mapped, bounded in time. */
  async #call<T>(b: KeyStoreBinding, hsmKeyId: string, run: (c: HsmClient) => Promise<T>): Promise<T> {
    const { address } = await this.endpoints.serving(b);
    const connection = await this.#connection(b, address);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(KeyStoreUnavailable(b.keystoreId, `no node of its instance answered within ${CALL_DEADLINE_MS} ms`, true)), CALL_DEADLINE_MS);
    });
    try {
      return await Promise.race([run(connection.client), deadline]);
    } catch (err) {
      throw await this.#failure(b, hsmKeyId, err);
    } finally {
      clearTimeout(timer);
    }
  }

  async #failure(b: KeyStoreBinding, hsmKeyId: string, err: unknown): Promise<unknown> {
    if (err instanceof KeyStoreError) return err;
    const code = (err as { code?: unknown }).code;
    if (isTransient(err)) {
      // Past the failover window: a freeze or deletion says so; anything else may pass (retryable).
      try {
        await this.endpoints.serving(b, true);
      } catch (why) {
        return why;
      }
      return KeyStoreUnavailable(b.keystoreId, 'no node of its instance answered within the failover window', true);
    }
    if (code === status.UNAUTHENTICATED) {
      this.forget(b.keystoreId);
      return KeyStoreUnavailable(b.keystoreId, 'the instance refuses KMS\'s access certificate (revoked by its administrator?)', false);
    }
    if (code === status.NOT_FOUND) return KeyStoreKeyMissing(b.keystoreId, hsmKeyId);
    if (code === status.INVALID_ARGUMENT) return KeyStoreInvalidInput(b.keystoreId, String((err as { details?: unknown }).details ?? 'the HSM refused the input'));
    return KeyStoreUnavailable(b.keystoreId, `the HSM failed the call (gRPC status ${String(code)})`, retryableHsmStatus(code));
  }

  /** The key store's client, made once from its persisted access; a failed making is tried again next call. */
  #connection(b: KeyStoreBinding, address: string): Promise<Connection> {
    const existing = this.#connections.get(b.keystoreId);
    if (existing) return existing;
    const made = this.credentials.of(b).then((access) => ({
      address,
      client: new HsmClient({
        instances: [{ name: b.keystoreId, address, ca: Buffer.from(access.caCertPem), cert: Buffer.from(access.certificatePem), key: Buffer.from(access.privateKeyPem) }],
        retry: KEY_STORE_RETRY, callTimeoutMs: CALL_TIMEOUT_MS, generationTimeoutMs: GENERATION_TIMEOUT_MS, cooldownMs: 0,
      }),
    }));
    this.#connections.set(b.keystoreId, made);
    made.catch(() => this.#connections.delete(b.keystoreId));
    return made;
  }
}

function sameCertificate(a: string, b: string): boolean {
  try {
    return new X509Certificate(a).raw.equals(new X509Certificate(b).raw);
  } catch {
    return false;
  }
}
