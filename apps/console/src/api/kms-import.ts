import type { GetParametersForImportReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';
import { kms } from './kms';

export type ImportParameters = GetParametersForImportReply;

/** Guide 1.3.2 step 9: the wrapping key (base64 DER) and the import token, valid 24 h. */
export const getParametersForImport = (api: Api, keyId: string, wrappingAlgorithm: string) =>
  api<ImportParameters>('POST', kms('get-parameters-for-import'), { key_id: keyId, wrapping_algorithm: wrappingAlgorithm });

export interface WrappedMaterial {
  readonly keyId: string;
  readonly importToken: string;
  /** Base64 of EncryptedKeyMaterial.bin (the material, or the temporary AES key of an asymmetric key). */
  readonly encryptedKeyMaterial: string;
  /** Base64 of out_rsa_private_key.der: the PKCS#8 private key wrapped under the temporary key. */
  readonly encryptedPrivateKey?: string;
  /** Epoch seconds after which KMS deletes the material; absent: it never expires. */
  readonly expirationTime?: number;
}

/** Guide 1.3.2 steps 11–13: the wrapped material and the token go to KMS; the key turns Enabled. */
export const importKeyMaterial = (api: Api, m: WrappedMaterial) =>
  api('POST', kms('import-key-material'), {
    key_id: m.keyId,
    import_token: m.importToken,
    encrypted_key_material: m.encryptedKeyMaterial,
    ...(m.encryptedPrivateKey ? { encrypted_privatekey: m.encryptedPrivateKey } : {}),
    ...(m.expirationTime !== undefined ? { expiration_time: m.expirationTime } : {}),
  });
