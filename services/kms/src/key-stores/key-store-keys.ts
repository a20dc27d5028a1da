import { createPublicKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { KmsInternalFault } from '@dew/contracts';
import { isRetiredKeyStore, liveKeyStore, usableKeyStoreOf, type CreateKeyPlan, type KeyMaterial, type Keyring, type KeyStore, type KeyVersion, type LiveCmk } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { PINO } from '@dew/nest-kit';
import { HSM_KEY_STORE, type HsmKeyStorePort, type KeyStoreBinding } from './hsm-key-store.port.js';
import { HsmKeySession, guarded, type HsmMaterial } from './hsm-key-session.js';
import { HsmInstances } from './hsm-instances.js';
import { KeyStoreAccessKeys } from './key-store-credentials.js';

export function bindingOf(projectId: string, store: KeyStore): KeyStoreBinding {
  return { keystoreId: store.keystoreId, projectId, hsmClusterId: store.hsmClusterId };
}

/**
 * Keys whose material a key store's HSM holds (docs/api-decisions.md, "Key stores"): generated
 * there at create-key, used there by every crypto call (a disabled store or an instance that is
 * not Running refuses first), destroyed there when the key is.
 */
@Injectable()
export class KeyStoreKeys {
  constructor(
    @Inject(HSM_KEY_STORE) private readonly port: HsmKeyStorePort,
    private readonly instances: HsmInstances,
    private readonly accessKeys: KeyStoreAccessKeys,
    @Inject(PINO) private readonly log: Logger,
  ) {}

  /** Version 1 of a new key of the store `plan.keystoreId`: generated in its HSM, only the handle (and public key) kept. */
  async generate(ctx: RequestContext, keyring: Keyring, plan: CreateKeyPlan): Promise<KeyMaterial> {
    if (plan.keystoreId === undefined) throw KmsInternalFault('a key-store key needs its key store');
    const store = liveKeyStore(keyring, plan.keystoreId);
    const binding = bindingOf(keyring.projectId, store);
    await this.instances.requireServing(binding);
    const made = await guarded(binding, () => this.port.generateKey(binding, plan.keySpec, plan.keyId));
    const publicKeyPem = made.publicKeyDer && createPublicKey({ key: made.publicKeyDer, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
    return { version: 1, wrapped: '', hsmKeyId: made.hsmKeyId, ...(publicKeyPem ? { publicKeyPem } : {}) };
  }

  /** The material of a key-store key's version for a crypto call in the caller's context. */
  async material(ctx: RequestContext, keyring: Keyring, key: LiveCmk, version: KeyVersion): Promise<HsmMaterial> {
    const store = usableKeyStoreOf(keyring, key);
    if (!store || version.hsmKeyId === undefined) throw KmsInternalFault(`key ${key.keyId} names no HSM key`);
    const binding = bindingOf(keyring.projectId, store);
    await this.instances.requireServing(binding);
    const session = new HsmKeySession(this.port, binding, version.hsmKeyId);
    return { kind: 'hsm', session, ...(version.publicKeyPem ? { publicKey: createPublicKey(version.publicKeyPem) } : {}) };
  }

  /**
   * Erases KMS's access to a deleted store once none of its keys is left to destroy: the sealed
   * private key cannot be opened again (its keyring entry is gone) and the connection is closed.
   * Idempotent; the certificate itself stays valid until the UKey holder revokes it.
   */
  async retireIfDone(keyring: Keyring, keystoreId: string): Promise<void> {
    if (!isRetiredKeyStore(keyring, keystoreId)) return;
    this.port.forget(keystoreId);
    await this.accessKeys.discard(keystoreId);
  }

  /**
   * Destroys the HSM keys of a key whose material was generated in `store` (deletion, or a
   * creation refused at append time). Best effort: an instance that does not answer keeps an
   * orphan key, which is logged by id (no material is ever in KMS).
   */
  async destroy(projectId: string, store: KeyStore, hsmKeyIds: readonly string[]): Promise<void> {
    const binding = bindingOf(projectId, store);
    for (const hsmKeyId of hsmKeyIds) {
      try {
        await this.port.destroyKey(binding, hsmKeyId);
      } catch (err) {
        this.log.warn({ hsmKeyId, keystoreId: store.keystoreId, err: err instanceof Error ? err.message : String(err) }, 'HSM key not destroyed: the instance keeps an orphan key');
      }
    }
  }
}
