import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { dhsmOperations, DewError, type KmsEndpointReply } from '@dew/contracts';
import { systemContext } from '@dew/messaging';
import { Bus } from '@dew/nest-kit';
import type { KeyStoreBinding } from './hsm-key-store.port.js';
import { KeyStoreRefused, KeyStoreUnavailable } from './hsm-key-store.errors.js';

/** How long an instance's answered status counts: a freeze is seen within this (docs/key-stores-hsm.md). */
export const ENDPOINT_FRESH_MS = 5_000;
const BUS_TIMEOUT_MS = 5_000;

/** The bus context of KMS's own calls for a key store: a system action in the key store's project. */
export const keyStoreContext = (b: KeyStoreBinding) => systemContext(randomUUID(), b.projectId);

/**
 * Where a key store's instance serves and whether it does, from hsm-provisioning
 * (`dhsm.show-kms-endpoint`), kept for ENDPOINT_FRESH_MS. One per kms process: the key-store
 * operations and the adapter share its answers.
 */
@Injectable()
export class InstanceEndpoints {
  readonly #cache = new Map<string, { reply: KmsEndpointReply; at: number }>();

  constructor(private readonly bus: Bus) {}

  /** The instance's answer; refused when it is not the project's, unavailable when provisioning does not answer. */
  async of(b: KeyStoreBinding, fresh = false): Promise<KmsEndpointReply> {
    const key = `${b.projectId}/${b.hsmClusterId}`;
    const cached = this.#cache.get(key);
    if (!fresh && cached && Date.now() - cached.at < ENDPOINT_FRESH_MS) return cached.reply;
    let reply: KmsEndpointReply;
    try {
      reply = await this.bus.call(dhsmOperations.showKmsEndpoint, { instance_id: b.hsmClusterId }, keyStoreContext(b), { timeoutMs: BUS_TIMEOUT_MS });
    } catch (err) {
      if (err instanceof DewError && err.status === 404) throw KeyStoreRefused(b.keystoreId, `HSM instance ${JSON.stringify(b.hsmClusterId.slice(0, 64))} does not exist in this project`);
      if (err instanceof DewError && err.status < 500) throw KeyStoreRefused(b.keystoreId, err.message);
      throw KeyStoreUnavailable(b.keystoreId, 'Dedicated HSM provisioning is not answering', true);
    }
    this.#cache.set(key, { reply, at: Date.now() });
    return reply;
  }

  /** The instance's application address, or why it does not serve. */
  async serving(b: KeyStoreBinding, fresh = false): Promise<{ address: string; caCertPem: string }> {
    const e = await this.of(b, fresh);
    if (e.status !== 'Running') throw KeyStoreUnavailable(b.keystoreId, `its Dedicated HSM instance ${e.instance_id} is ${e.status}`, false);
    if (e.address === null || e.ca_certificate === null) throw KeyStoreUnavailable(b.keystoreId, `its Dedicated HSM instance ${e.instance_id} has not served yet`, true);
    return { address: e.address, caCertPem: e.ca_certificate };
  }
}
