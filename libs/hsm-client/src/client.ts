import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { FAILOVER_CHANNEL, loadHsmProto } from './proto.js';
import { DEFAULT_RETRY, isTransient, withRetries, type RetryPolicy } from './retry.js';
import { Balancer } from './balancer.js';

export interface HsmEndpoint {
  readonly name: string;
  /** host:port of the instance's floating address (application port). */
  readonly address: string;
  /** PEM of the instance CA, the client certificate it issued, and the client's private key. */
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** The calls that make a key on the token: slow, and bounded by generationTimeoutMs. */
const GENERATING: ReadonlySet<string> = new Set(['generateKey', 'unwrap']);

export interface HsmClientOptions {
  readonly instances: readonly HsmEndpoint[];
  readonly retry?: RetryPolicy;
  /** How long an instance that failed with a transient error is skipped by the balancer. */
  readonly cooldownMs?: number;
  readonly callTimeoutMs?: number;
  /**
   * Per attempt, for the calls that make a key (generateKey, unwrap): an RSA-3072/4096 pair takes
   * a token seconds on a loaded machine, far longer than an encrypt. Defaults to callTimeoutMs.
   */
  readonly generationTimeoutMs?: number;
}

export interface KeyInfo {
  readonly keyId: string;
  readonly label: string;
  readonly keyType: string;
  readonly publicKey: Buffer;
}

interface Target {
  readonly name: string;
  readonly client: grpc.Client;
}

type Unary = (req: object, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;


/**
 * Calls Dedicated HSM instances over mutual TLS: round-robin over the instances not in cooldown,
 * retrying a transient failure (a failover in progress) with jittered backoff up to a bound.
 */
export class HsmClient {
  readonly #targets: Target[];
  readonly #balancer: Balancer<Target>;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #generationTimeoutMs: number;

  constructor(o: HsmClientOptions) {
    if (o.instances.length === 0) throw new Error('HsmClient needs at least one instance');
    const { Hsm } = loadHsmProto();
    this.#targets = o.instances.map((endpoint) => ({
      name: endpoint.name,
      client: new Hsm(endpoint.address, grpc.credentials.createSsl(endpoint.ca, endpoint.key, endpoint.cert), FAILOVER_CHANNEL),
    }));
    this.#balancer = new Balancer(this.#targets, o.cooldownMs ?? 1000);
    this.#retry = o.retry ?? DEFAULT_RETRY;
    this.#timeoutMs = o.callTimeoutMs ?? 5000;
    this.#generationTimeoutMs = o.generationTimeoutMs ?? this.#timeoutMs;
  }

  close(): void {
    for (const t of this.#targets) t.client.close();
  }

  encrypt(keyId: string, plaintext: Buffer, aad = Buffer.alloc(0), instance?: string): Promise<{ iv: Buffer; ciphertext: Buffer }> {
    return this.call('encrypt', { keyId, plaintext, aad }, instance);
  }

  async decrypt(keyId: string, iv: Buffer, ciphertext: Buffer, aad = Buffer.alloc(0), instance?: string): Promise<Buffer> {
    return (await this.call<{ plaintext: Buffer }>('decrypt', { keyId, iv, ciphertext, aad }, instance)).plaintext;
  }

  async sign(keyId: string, scheme: string, message: Buffer, instance?: string): Promise<Buffer> {
    return (await this.call<{ signature: Buffer }>('sign', { keyId, scheme, message }, instance)).signature;
  }

  async verify(keyId: string, scheme: string, message: Buffer, signature: Buffer, instance?: string): Promise<boolean> {
    return (await this.call<{ valid: boolean }>('verify', { keyId, scheme, message, signature }, instance)).valid;
  }

  /** Signs a digest of the scheme's hash (32, 48 or 64 bytes) the caller computed; the node refuses another length. */
  async signDigest(keyId: string, scheme: string, digest: Buffer, instance?: string): Promise<Buffer> {
    return (await this.call<{ signature: Buffer }>('sign', { keyId, scheme, message: digest, prehashed: true }, instance)).signature;
  }

  async verifyDigest(keyId: string, scheme: string, digest: Buffer, signature: Buffer, instance?: string): Promise<boolean> {
    return (await this.call<{ valid: boolean }>('verify', { keyId, scheme, message: digest, signature, prehashed: true }, instance)).valid;
  }

  async digest(algorithm: string, data: Buffer, instance?: string): Promise<Buffer> {
    return (await this.call<{ digest: Buffer }>('digest', { algorithm, data }, instance)).digest;
  }

  /** Idempotent: a retry (here or by the caller, with the same requestId) returns the same key. */
  generateKey(keyType: string, label: string, instance?: string, requestId: string = randomUUID()): Promise<KeyInfo> {
    return this.call('generateKey', { keyType, label, requestId }, instance);
  }

  async destroyKey(keyId: string, instance?: string): Promise<boolean> {
    return (await this.call<{ destroyed: boolean }>('destroyKey', { keyId }, instance)).destroyed;
  }

  async listKeys(instance?: string): Promise<KeyInfo[]> {
    return (await this.call<{ keys: KeyInfo[] }>('listKeys', {}, instance)).keys;
  }

  wrap(wrappingKeyId: string, keyId: string, instance?: string): Promise<{ wrapped: Buffer; publicKeyMaterial: Buffer; keyType: string }> {
    return this.call('wrap', { wrappingKeyId, keyId }, instance);
  }

  unwrap(wrappingKeyId: string, wrapped: Buffer, keyType: string, label: string, instance?: string, requestId: string = randomUUID()): Promise<KeyInfo> {
    return this.call('unwrap', { wrappingKeyId, wrapped, keyType, label, requestId }, instance);
  }

  async listMechanisms(instance?: string): Promise<{ mechanism: number; name: string; minKeySize: number; maxKeySize: number; flags: number }[]> {
    return (await this.call<{ mechanisms: [] }>('listMechanisms', {}, instance)).mechanisms;
  }

  health(instance?: string): Promise<Record<string, unknown>> {
    return this.call('health', {}, instance);
  }

  /** One unary call of the Hsm service, balanced (or pinned to `instance`) and retried. */
  call<T>(method: string, request: object, instance?: string): Promise<T> {
    return withRetries(this.#retry, async () => {
      const target = this.#balancer.pick(instance);
      try {
        return await this.#unary<T>(target, method, request);
      } catch (err) {
        if (isTransient(err)) this.#balancer.markDown(target);
        throw err;
      }
    });
  }

  #unary<T>(target: Target, method: string, request: object): Promise<T> {
    const fn = (target.client as unknown as Record<string, Unary>)[method];
    if (typeof fn !== 'function') return Promise.reject(new Error(`the Hsm service has no method ${method}`));
    return new Promise<T>((resolve, reject) => {
      fn.call(target.client, request, new grpc.Metadata(), { deadline: Date.now() + (GENERATING.has(method) ? this.#generationTimeoutMs : this.#timeoutMs) }, (err, res) => (err ? reject(err) : resolve(res as T)));
    });
  }
}
