import { X509Certificate } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { instanceNames } from '@dew/hsm-control';
import { kvBuckets } from '@dew/messaging';
import { STREAMS_CONNECTION } from '@dew/nest-kit';
import { sha256Fingerprint } from '@dew/x509';

/**
 * The instance CA certificates the nodes published through the control plane (`<instance>.ca` in
 * HSM_STATE, docs/hsm-appliance.md "PKI"), read for the API: the certificate is public, its key
 * never leaves the instance's tokens.
 */
@Injectable()
export class InstanceCaCertificates {
  #bucket: Promise<KV> | undefined;

  constructor(@Inject(STREAMS_CONNECTION) private readonly nc: NatsConnection) {}

  /** The PEM and its fingerprint, or undefined while no node of the instance has been active. */
  async of(instanceId: string): Promise<{ pem: string; fingerprint: string } | undefined> {
    // No bucket yet (no node ever launched on this bus) reads as "not published".
    const kv = await this.#stateBucket().catch(() => undefined);
    const entry = await kv?.get(`${instanceNames(instanceId).stateKeyPrefix}ca`).catch(() => null);
    if (!entry || entry.operation !== 'PUT') return undefined;
    const pem = entry.string();
    try {
      return { pem, fingerprint: sha256Fingerprint(new X509Certificate(pem).raw) };
    } catch {
      // Not a certificate: nothing a client could trust, so not published (never a 500).
      return undefined;
    }
  }

  /** Opened once (opening asks JetStream for the stream's info); a failed open is tried again next time. */
  #stateBucket(): Promise<KV> {
    this.#bucket ??= new Kvm(this.nc).open(kvBuckets.hsmState.name).catch((err: unknown) => {
      this.#bucket = undefined;
      throw err;
    });
    return this.#bucket;
  }
}
