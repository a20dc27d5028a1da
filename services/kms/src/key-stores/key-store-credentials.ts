import { Injectable } from '@nestjs/common';
import { OwnerKeys } from '@dew/crypto';
import { liveKeyStore, type Keyring, type KeyStoreAccess } from '@dew/kms-domain';

export interface KeyStoreCredentials {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
  readonly caCertPem: string;
}

/**
 * KMS's access certificate for a key store's instance. The private key is sealed by the keyring
 * entry named by the store's id (version 1) before it is put in KeyStoreCreated; it is opened only
 * here, for the adapter that connects to the instance, and never logged or answered.
 */
@Injectable()
export class KeyStoreAccessKeys {
  constructor(private readonly crypto: OwnerKeys) {}

  async seal(keystoreId: string, enrolled: KeyStoreCredentials): Promise<KeyStoreAccess> {
    await this.crypto.create(keystoreId);
    const sealed = await this.crypto.seal(keystoreId, 1, Buffer.from(enrolled.privateKeyPem, 'utf8'));
    return { certificatePem: enrolled.certificatePem, caCertPem: enrolled.caCertPem, sealedPrivateKey: sealed.toString('base64') };
  }

  /** Erases the entry of a store whose creation was refused at append time. */
  discard(keystoreId: string): Promise<void> {
    return this.crypto.destroy(keystoreId);
  }

  async open(keyring: Keyring, keystoreId: string): Promise<KeyStoreCredentials> {
    const { access } = liveKeyStore(keyring, keystoreId);
    const key = await this.crypto.open(keystoreId, 1, Buffer.from(access.sealedPrivateKey, 'base64'));
    try {
      return { certificatePem: access.certificatePem, privateKeyPem: key.toString('utf8'), caCertPem: access.caCertPem };
    } finally {
      key.fill(0);
    }
  }
}
