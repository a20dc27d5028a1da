import { createHash, sign, type KeyObject } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { adminMessage } from './admin-message.js';
import { FAILOVER_CHANNEL, loadHsmProto } from './proto.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';

type Unary = (req: object, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void;

/**
 * The administrator's side of HsmAdmin: server-authenticated TLS to the instance's admin port;
 * each call fetches a challenge and signs it, with the call's fields, with the UKey.
 */
export class HsmAdminClient {
  readonly #client: grpc.Client;

  constructor(address: string, caPem: Buffer, private readonly instanceId: string, private readonly ukey: KeyObject, private readonly retry: RetryPolicy = DEFAULT_RETRY) {
    const { HsmAdmin } = loadHsmProto();
    this.#client = new HsmAdmin(address, grpc.credentials.createSsl(caPem), FAILOVER_CHANNEL);
  }

  close(): void {
    this.#client.close();
  }

  async initialize(ukeyPublicKeyPem: string): Promise<{ caCertificate: string }> {
    return this.signedCall('Initialize', { ukeyPublicKey: ukeyPublicKeyPem }, { ukeyPublicKey: ukeyPublicKeyPem });
  }

  issueCertificate(commonName: string, publicKeyPem: string): Promise<{ certificate: string; serial: string }> {
    return this.signedCall('IssueCertificate', { commonName, publicKey: publicKeyPem }, { commonName, publicKey: publicKeyPem });
  }

  revokeCertificate(serial: string): Promise<{ revoked: boolean }> {
    return this.signedCall('RevokeCertificate', { serial }, { serial: serial.toLowerCase() });
  }

  /** The key wrapped under the instance's domain key: restorable into this instance only. */
  async backupKey(keyId: string): Promise<Buffer> {
    return (await this.signedCall<{ backup: Buffer }>('BackupKey', { keyId }, { keyId })).backup;
  }

  /** The UKey signs the backup's SHA-256, not the wrapped bytes themselves. */
  restoreKey(backup: Buffer): Promise<{ keyId: string; label: string; keyType: string }> {
    return this.signedCall('RestoreKey', { backup }, { backup: createHash('sha256').update(backup).digest('base64') });
  }

  /** The PIN PKCS#11 applications log in to the instance's token with, and the token's label. */
  cryptoUserPin(): Promise<{ pin: string; tokenLabel: string }> {
    return this.signedCall('GetCryptoUserPin', {}, {});
  }

  /**
   * Calls `method` with `request` plus an `auth` whose signature covers `signedFields`. A failover
   * retries from a fresh challenge: challenges live in the node that issued them.
   */
  signedCall<T>(method: string, request: object, signedFields: Record<string, string>, signer: KeyObject = this.ukey): Promise<T> {
    return withRetries(this.retry, async () => {
      const { challenge } = await this.#once<{ challenge: Buffer }>('GetChallenge', {});
      const signature = sign(null, adminMessage(method, this.instanceId, challenge, signedFields), signer);
      return this.#once<T>(method, { ...request, auth: { challenge, signature } });
    });
  }

  /** One call as given; a transient failure (the instance failing over) is retried within `retry`. */
  call<T>(method: string, request: object): Promise<T> {
    return withRetries(this.retry, () => this.#once<T>(method, request));
  }

  #once<T>(method: string, request: object): Promise<T> {
    const fn = (this.#client as unknown as Record<string, Unary>)[method[0]!.toLowerCase() + method.slice(1)]!;
    return new Promise<T>((resolve, reject) => {
      fn.call(this.#client, request, new grpc.Metadata(), { deadline: Date.now() + 10_000 }, (err, res) => (err ? reject(err) : resolve(res as T)));
    });
  }
}
