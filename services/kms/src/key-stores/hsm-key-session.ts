import { DewError, HsmInstanceUnreachable, InvalidKmsParameter, KeyStoreInstanceUnusable, KeyStoreUnsupported } from '@dew/contracts';
import type { HsmKeyStorePort, KeyStoreBinding } from './hsm-key-store.port.js';
import { KeyStoreError } from './hsm-key-store.errors.js';

/**
 * One key-store key's calls into its HSM instance. A refusal the port states as a DewError passes
 * as is; anything else (connection lost, a node failing over) is KMS.2909, which the caller retries
 * (docs/api-decisions.md, "Key stores"). No key bytes or plaintexts in the error.
 */
export class HsmKeySession {
  constructor(
    private readonly port: HsmKeyStorePort,
    readonly binding: KeyStoreBinding,
    readonly hsmKeyId: string,
  ) {}

  encrypt(plaintext: Buffer, aad: Buffer): Promise<Buffer> {
    return guarded(this.binding, () => this.port.encrypt(this.binding, this.hsmKeyId, plaintext, aad));
  }

  decrypt(ciphertext: Buffer, aad: Buffer): Promise<Buffer> {
    return guarded(this.binding, () => this.port.decrypt(this.binding, this.hsmKeyId, ciphertext, aad));
  }

  sign(algorithm: string, message: Buffer, messageType: 'RAW' | 'DIGEST'): Promise<Buffer> {
    return guarded(this.binding, () => this.port.sign(this.binding, this.hsmKeyId, algorithm, message, messageType));
  }

  verify(algorithm: string, message: Buffer, messageType: 'RAW' | 'DIGEST', signature: Buffer): Promise<boolean> {
    return guarded(this.binding, () => this.port.verify(this.binding, this.hsmKeyId, algorithm, message, messageType, signature));
  }
}

export async function guarded<T>(binding: KeyStoreBinding, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof DewError) throw err;
    if (err instanceof KeyStoreError) throw inKmsWords(binding, err);
    throw HsmInstanceUnreachable(binding.hsmClusterId);
  }
}

/** The one place a key store's failure becomes KMS's error (docs/api-decisions.md, "Key stores"). */
export function inKmsWords(binding: KeyStoreBinding, err: KeyStoreError): DewError {
  switch (err.kind) {
    case 'unavailable':
      return err.retryable ? HsmInstanceUnreachable(binding.hsmClusterId) : KeyStoreInstanceUnusable(err.message);
    case 'refused':
    case 'key-missing':
      return KeyStoreInstanceUnusable(err.message);
    case 'unsupported':
      return KeyStoreUnsupported(binding.keystoreId, `serve this: ${err.message}`);
    case 'invalid-input':
      return InvalidKmsParameter(err.message);
    default:
      return unknownKind(err.kind);
  }
}

function unknownKind(kind: never): never {
  throw new Error(`unknown key store failure ${String(kind)}`);
}

/** A key-store key's version ready for a crypto call: its HSM session, and its public key when asymmetric. */
export interface HsmMaterial {
  readonly kind: 'hsm';
  readonly session: HsmKeySession;
  readonly publicKey?: import('node:crypto').KeyObject;
}
