/**
 * What KMS needs from a Dedicated HSM instance bound to a key store (docs/api-decisions.md,
 * "Key stores"). The adapter that talks to the instance through the HSM client SDK implements it;
 * KMS code depends on this port only.
 */
export interface KeyStoreBinding {
  readonly keystoreId: string;
  readonly projectId: string;
  readonly hsmClusterId: string;
}

export type HsmKeySpec = 'AES_256' | 'RSA_2048' | 'RSA_3072' | 'RSA_4096' | 'EC_P256' | 'EC_P384';

export interface HsmKeyStorePort {
  /** Issues KMS's access certificate for the instance whose CA is `caCertPem`. */
  enroll(binding: KeyStoreBinding, caCertPem: string): Promise<{ certificatePem: string; privateKeyPem: string; caCertPem: string }>;
  generateKey(binding: KeyStoreBinding, spec: HsmKeySpec, label: string): Promise<{ hsmKeyId: string; publicKeyDer?: Buffer }>;
  encrypt(binding: KeyStoreBinding, hsmKeyId: string, plaintext: Buffer, aad: Buffer): Promise<Buffer>;
  decrypt(binding: KeyStoreBinding, hsmKeyId: string, ciphertext: Buffer, aad: Buffer): Promise<Buffer>;
  sign(binding: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: 'RAW' | 'DIGEST'): Promise<Buffer>;
  verify(binding: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: 'RAW' | 'DIGEST', signature: Buffer): Promise<boolean>;
  destroyKey(binding: KeyStoreBinding, hsmKeyId: string): Promise<void>;
}

/** The Nest token of the port's implementation. */
export const HSM_KEY_STORE = Symbol('HSM_KEY_STORE');
