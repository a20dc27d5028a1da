import type { CreateKeyReply, DecryptDataReply, DescribeKeyReply, EncryptDataReply, KeyDetails, ListKeysReply } from '@dew/contracts/wire-replies';
import type { Api } from '../session';

export type { KeyDetails };

/** A KMS operation's path; `{project_id}` is filled in by the session's call. */
export const kms = (name: string) => `/v1.0/{project_id}/kms/${name}`;

export const listKeys = (api: Api, marker?: string, limit = 50) => api<ListKeysReply>('POST', kms('list-keys'), { limit: String(limit), ...(marker ? { marker } : {}) });
export const describeKey = async (api: Api, keyId: string) => (await api<DescribeKeyReply>('POST', kms('describe-key'), { key_id: keyId })).key_info;
export const createKey = async (api: Api, req: { key_alias: string; key_spec: string; key_usage: string; key_description: string; origin?: 'kms' | 'external' }) =>
  (await api<CreateKeyReply>('POST', kms('create-key'), req)).key_info.key_id;
export const enableKey = (api: Api, keyId: string) => api('POST', kms('enable-key'), { key_id: keyId });
export const disableKey = (api: Api, keyId: string) => api('POST', kms('disable-key'), { key_id: keyId });
export const scheduleKeyDeletion = (api: Api, keyId: string, days: number) => api('POST', kms('schedule-key-deletion'), { key_id: keyId, pending_days: String(days) });
export const cancelKeyDeletion = (api: Api, keyId: string) => api('POST', kms('cancel-key-deletion'), { key_id: keyId });

/** Asymmetric keys name their algorithm; a symmetric key's ciphertext names everything itself. */
function encryptionAlgorithm(key: KeyDetails): string | undefined {
  if (key.key_spec.startsWith('RSA')) return 'RSAES_OAEP_SHA_256';
  if (key.key_spec === 'SM2') return 'SM2_ENCRYPT';
  return undefined;
}

export async function encryptData(api: Api, key: KeyDetails, plainText: string): Promise<string> {
  const algorithm = encryptionAlgorithm(key);
  const body = { key_id: key.key_id, plain_text: plainText, ...(algorithm ? { encryption_algorithm: algorithm } : {}) };
  return (await api<EncryptDataReply>('POST', kms('encrypt-data'), body)).cipher_text;
}

export async function decryptData(api: Api, key: KeyDetails, cipherText: string): Promise<string> {
  const algorithm = encryptionAlgorithm(key);
  const body = { cipher_text: cipherText, ...(algorithm ? { key_id: key.key_id, encryption_algorithm: algorithm } : {}) };
  return (await api<DecryptDataReply>('POST', kms('decrypt-data'), body)).plain_text;
}
