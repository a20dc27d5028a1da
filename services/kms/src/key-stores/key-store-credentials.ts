import { Injectable } from '@nestjs/common';
import { OwnerKeys } from '@dew/crypto';
import { keyStoreRecord, type Keyring, type KeyStoreAccess as SealedAccess } from '@dew/kms-domain';
import { Keyrings } from '../keys/keyrings.js';
import { KeyStoreCredentials, type KeyStoreAccess, type KeyStoreBinding } from './hsm-key-store.port.js';

/**
 * KMS's access certificate for a key store's instance. The private key is sealed by the keyring
 * entry named by the store's id (version 1) before it is put in KeyStoreCreated; it is opened only
 * here, for the adapter that connects to the instance, and never logged or answered.
 */
@Injectable()
export class KeyStoreAccessKeys {
  constructor(private readonly crypto: OwnerKeys) {}

  async seal(keystoreId: string, enrolled: KeyStoreAccess): Promise<SealedAccess> {
    await this.crypto.create(keystoreId);
    const sealed = await this.crypto.seal(keystoreId, 1, Buffer.from(enrolled.privateKeyPem, 'utf8'));
    return { certificatePem: enrolled.certificatePem, caCertPem: enrolled.caCertPem, sealedPrivateKey: sealed.toString('base64') };
  }

  /** Erases the entry of a store whose creation was refused at append time. */
  discard(keystoreId: string): Promise<void> {
    return this.crypto.destroy(keystoreId);
  }

  /** A deleted store's too: crypto calls refuse it before (usableKeyStoreOf), its keys' destruction needs it. */
  async open(keyring: Keyring, keystoreId: string): Promise<KeyStoreAccess> {
    const { access } = keyStoreRecord(keyring, keystoreId);
    const key = await this.crypto.open(keystoreId, 1, Buffer.from(access.sealedPrivateKey, 'base64'));
    try {
      return { certificatePem: access.certificatePem, privateKeyPem: key.toString('utf8'), caCertPem: access.caCertPem };
    } finally {
      key.fill(0);
    }
  }
}

/** The adapter's view of a key store's access: the project's keyring holds it (KeyStoreCreated), sealed. */
@Injectable()
export class KeyringKeyStoreCredentials extends KeyStoreCredentials {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly accessKeys: KeyStoreAccessKeys,
  ) {
    super();
  }

  of(binding: KeyStoreBinding): Promise<KeyStoreAccess> {
    return this.accessKeys.open(this.keyrings.of(binding.projectId), binding.keystoreId);
  }
}
