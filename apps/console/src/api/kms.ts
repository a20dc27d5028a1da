import type { Api } from '../session';

/** The fields of KMS's `key_info` the console shows (Huawei's KeyDetails). */
export interface KeyDetails {
  readonly key_id: string;
  readonly key_alias: string;
  readonly key_spec: string;
  readonly key_usage: string;
  readonly key_description: string;
  readonly creation_date: string;
  readonly scheduled_deletion_date: string;
  readonly key_state: string;
  readonly default_key_flag: string;
  readonly origin: string;
}

export interface KeyPage {
  readonly key_details: readonly KeyDetails[];
  readonly next_marker: string;
  readonly truncated: 'true' | 'false';
}

const kms = (name: string) => `/v1.0/{project_id}/kms/${name}`;

export const listKeys = (api: Api, marker?: string) => api<KeyPage>('POST', kms('list-keys'), { limit: '50', ...(marker ? { marker } : {}) });
export const describeKey = async (api: Api, keyId: string) => (await api<{ key_info: KeyDetails }>('POST', kms('describe-key'), { key_id: keyId })).key_info;
export const createKey = async (api: Api, req: { key_alias: string; key_spec: string; key_usage: string; key_description: string }) =>
  (await api<{ key_info: { key_id: string } }>('POST', kms('create-key'), req)).key_info.key_id;
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
  return (await api<{ cipher_text: string }>('POST', kms('encrypt-data'), body)).cipher_text;
}

export async function decryptData(api: Api, key: KeyDetails, cipherText: string): Promise<string> {
  const algorithm = encryptionAlgorithm(key);
  const body = { cipher_text: cipherText, ...(algorithm ? { key_id: key.key_id, encryption_algorithm: algorithm } : {}) };
  return (await api<{ plain_text: string }>('POST', kms('decrypt-data'), body)).plain_text;
}
