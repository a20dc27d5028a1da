import type { ModelFields } from './model-walk.js';

/**
 * huaweicloud-sdk-nodejs-v3 services/kms/v2/model: KeystoreInfo (keystore_id, domain_id: string)
 * in CreateKeyStoreResponse.keystore; KeystoreDetails (keystore_id, domain_id, keystore_alias,
 * keystore_type, hsm_cluster_id, create_time: string) in ShowKeyStoreResponse.keystore and
 * ListKeyStoresResponse.keystores (with total: integer); KeyStoreStateInfo (keystore_id,
 * keystore_state: string) in EnableKeyStoreResponse and DisableKeyStoreResponse.keystore;
 * DeleteKeyStoreResponse has no field.
 */
const KEYSTORE_DETAILS: ModelFields = {
  keystore_id: 'string',
  domain_id: 'string',
  keystore_alias: 'string',
  keystore_type: 'string',
  hsm_cluster_id: 'string',
  create_time: 'string',
};
const STATE: ModelFields = { keystore: { type: 'object', fields: { keystore_id: 'string', keystore_state: 'string' } } };

export const KEY_STORE_MODELS: Readonly<Record<string, ModelFields>> = {
  'create-key-store': { keystore: { type: 'object', fields: { keystore_id: 'string', domain_id: 'string' } } },
  'show-key-store': { keystore: { type: 'object', fields: KEYSTORE_DETAILS } },
  'list-key-stores': { total: 'integer', keystores: { type: 'array', items: { type: 'object', fields: KEYSTORE_DETAILS } } },
  'enable-key-store': STATE,
  'disable-key-store': STATE,
};
