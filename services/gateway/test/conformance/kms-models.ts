import { TAG_LIST, TAG_VALUES_LIST, type CompactSpec, type ModelFields } from './model-walk.js';

/** `{key_id, key_state}`: what enable-key and disable-key answer in `key_info`. */
const KEY_STATE: CompactSpec = { type: 'object', fields: { key_id: 'string', key_state: 'string' } };

/** The SDK's `KeyDetails` model (describe-key, list-keys). */
const KEY_DETAILS: CompactSpec = { type: 'object', fields: {
  key_id: 'string',
  domain_id: 'string',
  key_alias: 'string',
  realm: 'string',
  key_spec: 'string',
  key_usage: 'string',
  key_description: 'string',
  creation_date: 'string',
  scheduled_deletion_date: 'string',
  key_state: 'string',
  default_key_flag: 'string',
  key_type: 'string',
  expiration_time: 'string',
  origin: 'string',
  key_rotation_enabled: 'string',
  sys_enterprise_project_id: 'string',
  keystore_id: 'string',
} };

/** The SDK's `Grants` model (list-grants, list-retirable-grants). */
const GRANT: CompactSpec = { type: 'object', fields: {
  key_id: 'string',
  grant_id: 'string',
  grantee_principal: 'string',
  grantee_principal_type: 'string',
  operations: { type: 'array', items: 'string' },
  issuing_principal: 'string',
  creation_date: 'string',
  name: 'string',
  retiring_principal: 'string',
} };

/**
 * KMS response models of huaweicloud-sdk-nodejs-v3 `services/kms/v2/model` (release 3.1.209), one
 * per operation DEW serves, with the JSON type of every declared field (TypeScript `number` is an
 * integer on this wire). Operations whose model declares no field answer `{}`.
 * update-key-enterprise-project and delete-key-risk-tips are DEW extensions without a model;
 * create-key-tag, batch-key-tags and delete-key-tag answer 204 without a body.
 */
export const KMS_MODELS: Readonly<Record<string, ModelFields>> = {
  /** CreateKeyResponse */
  'create-key': {
    key_info: { type: 'object', fields: {
      key_id: 'string',
      domain_id: 'string',
      region_id: 'string',
    } },
  },
  /** ListKeyDetailResponse */
  'describe-key': {
    key_info: KEY_DETAILS,
  },
  /** ListKeysResponse */
  'list-keys': {
    keys: { type: 'array', items: 'string' },
    key_details: { type: 'array', items: KEY_DETAILS },
    next_marker: 'string',
    truncated: 'string',
    total: 'integer',
  },
  /** EnableKeyResponse */
  'enable-key': {
    key_info: KEY_STATE,
  },
  /** DisableKeyResponse */
  'disable-key': {
    key_info: KEY_STATE,
  },
  /** DeleteKeyResponse */
  'schedule-key-deletion': {
    key_id: 'string',
    key_state: 'string',
  },
  /** CancelKeyDeletionResponse */
  'cancel-key-deletion': {
    key_id: 'string',
    key_state: 'string',
  },
  /** UpdateKeyAliasResponse */
  'update-key-alias': {
    key_info: { type: 'object', fields: {
      key_id: 'string',
      key_alias: 'string',
    } },
  },
  /** UpdateKeyDescriptionResponse */
  'update-key-description': {
    key_info: { type: 'object', fields: {
      key_id: 'string',
      key_description: 'string',
    } },
  },
  /** ShowUserInstancesResponse */
  'user-instances': {
    instance_num: 'integer',
  },
  /** ShowUserQuotasResponse */
  'user-quotas': {
    quotas: { type: 'object', fields: {
      resources: { type: 'array', items: { type: 'object', fields: {
        type: 'string',
        used: 'integer',
        quota: 'integer',
      } } },
    } },
  },
  /** CreateDatakeyResponse */
  'create-datakey': {
    key_id: 'string',
    plain_text: 'string',
    cipher_text: 'string',
  },
  /** CreateDatakeyWithoutPlaintextResponse */
  'create-datakey-without-plaintext': {
    key_id: 'string',
    cipher_text: 'string',
  },
  /** EncryptDatakeyResponse */
  'encrypt-datakey': {
    key_id: 'string',
    cipher_text: 'string',
    datakey_length: 'string',
  },
  /** DecryptDatakeyResponse */
  'decrypt-datakey': {
    data_key: 'string',
    datakey_length: 'string',
    datakey_dgst: 'string',
  },
  /** EncryptDataResponse */
  'encrypt-data': {
    key_id: 'string',
    cipher_text: 'string',
  },
  /** DecryptDataResponse */
  'decrypt-data': {
    key_id: 'string',
    plain_text: 'string',
    plain_text_base64: 'string',
  },
  /** SignResponse */
  'sign': {
    key_id: 'string',
    signature: 'string',
  },
  /** ValidateSignatureResponse */
  'verify': {
    key_id: 'string',
    signature_valid: 'string',
  },
  /** GenerateMacResponse */
  'generate-mac': {
    key_id: 'string',
    mac_algorithm: 'string',
    mac: 'string',
  },
  /** VerifyMacResponse: mac_valid is a boolean (verify's signature_valid is a string). */
  'verify-mac': {
    key_id: 'string',
    mac_algorithm: 'string',
    mac_valid: 'boolean',
  },
  /** ShowPublicKeyResponse */
  'get-publickey': {
    key_id: 'string',
    public_key: 'string',
  },
  /** CreateRandomResponse */
  'gen-random': {
    random_data: 'string',
  },
  /** CreateParametersForImportResponse */
  'get-parameters-for-import': {
    key_id: 'string',
    import_token: 'string',
    expiration_time: 'integer',
    public_key: 'string',
  },
  /** ImportKeyMaterialResponse */
  'import-key-material': {
  },
  /** DeleteImportedKeyMaterialResponse */
  'delete-imported-key-material': {
  },
  /** CreateGrantResponse */
  'create-grant': {
    grant_id: 'string',
  },
  /** CancelGrantResponse */
  'revoke-grant': {
  },
  /** CancelSelfGrantResponse */
  'retire-grant': {
  },
  /** ListGrantsResponse */
  'list-grants': {
    grants: { type: 'array', items: GRANT },
    next_marker: 'string',
    truncated: 'string',
    total: 'integer',
  },
  /** ListRetirableGrantsResponse */
  'list-retirable-grants': {
    grants: { type: 'array', items: GRANT },
    next_marker: 'string',
    total: 'integer',
    truncated: 'string',
  },
  /** EnableKeyRotationResponse */
  'enable-key-rotation': {
  },
  /** DisableKeyRotationResponse */
  'disable-key-rotation': {
  },
  /** UpdateKeyRotationIntervalResponse */
  'update-key-rotation-interval': {
  },
  /** ShowKeyRotationStatusResponse */
  'get-key-rotation-status': {
    key_rotation_enabled: 'boolean',
    rotation_interval: 'integer',
    last_rotation_time: 'string',
    number_of_rotations: 'integer',
    key_materials: { type: 'array', items: { type: 'object', fields: {
      material_id: 'string',
      charge_id: 'string',
      create_time: 'string',
      expiration_time: 'string',
      state: 'integer',
    } } },
  },
  /** RotateOnDemandResponse */
  'rotate-on-demand': {
    key_id: 'string',
  },
  /** ListKmsByTagsResponse */
  'resource_instances/action': {
    resources: { type: 'array', items: { type: 'object', fields: {
      resource_id: 'string',
      resource_detail: KEY_DETAILS,
      resource_name: 'string',
      tags: TAG_LIST,
    } } },
    total_count: 'integer',
  },
  /** ListKmsTagsResponse */
  'list-project-tags': {
    tags: TAG_VALUES_LIST,
  },
  /** ShowKmsTagsResponse */
  'show-key-tags': {
    tags: TAG_LIST,
    existTagsNum: 'integer',
  },
};
