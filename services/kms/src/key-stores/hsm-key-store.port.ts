/**
 * KMS's access to the Dedicated HSM instance a key store binds (docs/hsm-appliance.md, "KMS's
 * access certificate"; docs/key-stores-hsm.md). The key-store operations call this port; the
 * adapter (HsmKeyStores) reaches the instance's active node over mutual TLS.
 */

/** Which key store, of which project, on which instance (`hsm_cluster_id`). */
export interface KeyStoreBinding {
  readonly keystoreId: string;
  readonly projectId: string;
  readonly hsmClusterId: string;
}

/**
 * What KMS keeps for a key store: its access certificate (`dew-kms:<keystoreId>`, issued by the
 * instance CA), the certificate's private key, and the CA it trusts the instance by. The private
 * key is sealed by KMS's keyring before it is persisted; never in clear in an event.
 */
export interface KeyStoreAccess {
  readonly certificatePem: string;
  /** PKCS#8 PEM. Secret. */
  readonly privateKeyPem: string;
  readonly caCertPem: string;
}

/** An enrolment's result: the access above and the certificate's serial (what the UKey holder revokes it by). */
export interface KeyStoreEnrolment extends KeyStoreAccess {
  readonly serial: string;
}

/** The KMS key specs a key store holds (what the appliance generates and mirrors to its standby). */
export { KEY_STORE_SPECS, type KeyStoreSpec } from '@dew/kms-domain';

export type MessageType = 'RAW' | 'DIGEST';

export interface HsmKeyStorePort {
  /**
   * At create-key-store: checks the instance is the project's, Running, and its CA equals
   * `caCertPem`; obtains KMS's access certificate (a fresh P-256 key pair; the node certifies the
   * public half). Refusals: KeyStoreError `refused` (not the project's, CA differs, not
   * initialised) or `unavailable` (not Running, no active node answering).
   */
  enroll(binding: KeyStoreBinding, caCertPem: string): Promise<KeyStoreEnrolment>;
  /** Any KMS key spec; those outside KEY_STORE_SPECS are refused `unsupported`. `publicKeyDer`: SPKI, key pairs only. */
  generateKey(binding: KeyStoreBinding, spec: string, label: string): Promise<{ hsmKeyId: string; publicKeyDer?: Buffer }>;
  /** AES-256-GCM in the HSM: the 12-byte IV, then the ciphertext and its 16-byte tag. AES keys only. */
  encrypt(binding: KeyStoreBinding, hsmKeyId: string, plaintext: Buffer, aad: Buffer): Promise<Buffer>;
  /** The inverse of `encrypt`; a ciphertext that does not authenticate is refused `invalid-input`. */
  decrypt(binding: KeyStoreBinding, hsmKeyId: string, ciphertext: Buffer, aad: Buffer): Promise<Buffer>;
  /** `algorithm`: KMS's name (`ECDSA_SHA_256`, `RSASSA_PSS_SHA_256` …); ECDSA signatures in DER. RAW messages only. */
  sign(binding: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: MessageType): Promise<Buffer>;
  verify(binding: KeyStoreBinding, hsmKeyId: string, algorithm: string, message: Buffer, messageType: MessageType, signature: Buffer): Promise<boolean>;
  destroyKey(binding: KeyStoreBinding, hsmKeyId: string): Promise<void>;
  /** Drops the key store's connection (deleted or disabled, or a new access certificate). */
  forget(keystoreId: string): void;
}

/**
 * Where the adapter gets a key store's persisted access (the keystore side implements it: it
 * opens the sealed private key). Asked once per key store, when its first call needs a connection.
 */
export abstract class KeyStoreCredentials {
  abstract of(binding: KeyStoreBinding): Promise<KeyStoreAccess>;
}

/** The Nest token of the port's implementation (HsmKeyStores). */
export const HSM_KEY_STORE = Symbol('HSM_KEY_STORE');
