import type { KeyDependent } from '../operations/bus-replies.js';

/** KeyDetails as the wire carries it: every field a string. */
export interface KeyDetails {
  readonly key_id: string;
  readonly domain_id: string;
  readonly key_alias: string;
  readonly realm: string;
  readonly key_spec: string;
  readonly key_usage: string;
  readonly key_description: string;
  readonly creation_date: string;
  readonly scheduled_deletion_date: string;
  readonly key_state: string;
  readonly default_key_flag: string;
  readonly key_type: string;
  readonly expiration_time: string;
  readonly origin: string;
  readonly key_rotation_enabled: string;
  readonly sys_enterprise_project_id: string;
  readonly keystore_id: string;
}

export interface ListKeysReply {
  readonly keys: string[];
  readonly key_details: KeyDetails[];
  readonly next_marker: string;
  readonly truncated: 'true' | 'false';
  readonly total: number;
}

/** `{key_id, key_state}`: the key's Huawei state code after enable-key, disable-key and the deletion calls. */
export interface KeyIdState {
  readonly key_id: string;
  readonly key_state: string;
}

/** create-key. */
export interface CreateKeyReply {
  readonly key_info: { readonly key_id: string; readonly domain_id: string; readonly region_id: string };
}

/** describe-key. */
export interface DescribeKeyReply {
  readonly key_info: KeyDetails;
}

/** enable-key and disable-key. */
export interface KeyStateReply {
  readonly key_info: KeyIdState;
}

/** update-key-alias. */
export interface UpdateKeyAliasReply {
  readonly key_info: { readonly key_id: string; readonly key_alias: string };
}

/** update-key-description. */
export interface UpdateKeyDescriptionReply {
  readonly key_info: { readonly key_id: string; readonly key_description: string };
}

/** update-key-enterprise-project (a DEW extension). */
export interface UpdateKeyEnterpriseProjectReply {
  readonly key_info: { readonly key_id: string; readonly enterprise_project_id: string };
}

/** delete-key-risk-tips (a DEW extension): what still depends on the key. */
export interface DeleteKeyRiskTipsReply {
  readonly key_id: string;
  readonly dependents: readonly KeyDependent[];
  readonly grants: number;
  readonly last_used_time: string;
}

/** user-instances. */
export interface UserInstancesReply {
  readonly instance_num: number;
}

/** user-quotas. */
export interface UserQuotasReply {
  readonly quotas: { readonly resources: readonly { readonly type: string; readonly used: number; readonly quota: number }[] };
}

/** encrypt-datakey; hex ciphertext. */
export interface EncryptDatakeyReply {
  readonly key_id: string;
  readonly cipher_text: string;
  readonly datakey_length: string;
}

/** encrypt-data; base64 ciphertext. */
export interface EncryptDataReply {
  readonly key_id: string;
  readonly cipher_text: string;
}

/** decrypt-data. */
export interface DecryptDataReply {
  readonly key_id: string;
  readonly plain_text: string;
  readonly plain_text_base64: string;
}

/** sign; base64 signature. */
export interface SignReply {
  readonly key_id: string;
  readonly signature: string;
}

/** verify. */
export interface VerifyReply {
  readonly key_id: string;
  readonly signature_valid: 'true' | 'false';
}

/** generate-mac (Huawei's GenerateMacResponse); mac is base64. */
export interface GenerateMacReply {
  readonly key_id: string;
  readonly mac_algorithm: string;
  readonly mac: string;
}

/** verify-mac (Huawei's VerifyMacResponse): mac_valid is a JSON boolean, unlike verify's signature_valid. */
export interface VerifyMacReply {
  readonly key_id: string;
  readonly mac_algorithm: string;
  readonly mac_valid: boolean;
}

/** get-publickey; PEM. */
/** create-rsa-datakey-pair, create-ec-datakey-pair: keys in base64 DER (docs/api-decisions.md). */
export interface CreateDatakeyPairReply {
  readonly key_id: string;
  readonly key_spec: string;
  /** SubjectPublicKeyInfo. */
  readonly public_key: string;
  /** A DEW ciphertext (docs/ciphertext.md) of the PKCS#8 private key: decrypt-data opens it. */
  readonly private_key_cipher_text: string;
  /** PKCS#8; absent when with_plain_text is false. */
  readonly private_key_plain_text?: string;
}

export interface DeriveSharedSecretReply {
  readonly key_id: string;
  readonly key_agreement_algorithm: string;
  readonly shared_secret: string;
}

export interface GetPublicKeyReply {
  readonly key_id: string;
  readonly public_key: string;
}

/** gen-random; upper-case hex. */
export interface GenRandomReply {
  readonly random_data: string;
}

/** get-parameters-for-import; `expiration_time` in seconds. */
export interface GetParametersForImportReply {
  readonly key_id: string;
  readonly import_token: string;
  readonly expiration_time: number;
  readonly public_key: string;
  /** Only for RSAES_OAEP_SHA_1. */
  readonly wrapping_algorithm_warning?: string;
}

/** create-grant. */
export interface CreateGrantReply {
  readonly grant_id: string;
}

/** A grant as list-grants and list-retirable-grants show it. */
export interface GrantDetails {
  readonly key_id: string;
  readonly grant_id: string;
  readonly grantee_principal: string;
  readonly grantee_principal_type: string;
  readonly operations: readonly string[];
  readonly issuing_principal: string;
  readonly creation_date: string;
  readonly name: string;
  readonly retiring_principal: string;
}

/** list-grants and list-retirable-grants. */
export interface ListGrantsReply {
  readonly grants: readonly GrantDetails[];
  readonly next_marker: string;
  readonly truncated: 'true' | 'false';
  readonly total: number;
}

/** A key material in get-key-rotation-status; `state` 1 is current, 2 decrypt-only. */
export interface KeyMaterialDetails {
  readonly material_id: string;
  readonly state: number;
  readonly create_time: string;
  readonly expiration_time: string;
  readonly charge_id: string;
}

/** get-key-rotation-status. */
export interface KeyRotationStatusReply {
  readonly key_rotation_enabled: boolean;
  readonly rotation_interval: number;
  readonly last_rotation_time: string;
  readonly number_of_rotations: number;
  readonly key_materials: readonly KeyMaterialDetails[];
}

/** rotate-on-demand. */
export interface RotateOnDemandReply {
  readonly key_id: string;
}

/** A key's tag on the wire. */
export interface KmsTag {
  readonly key: string;
  readonly value: string;
}

/** `resource_instances/action`: a page of keys (`filter`) or only their number (`count`). */
export interface ListKmsByTagsReply {
  readonly resources?: readonly {
    readonly resource_id: string;
    readonly resource_detail: KeyDetails;
    readonly resource_name: string;
    readonly tags: readonly KmsTag[];
  }[];
  readonly total_count: number;
}

/** list-project-tags: every tag key of the project's keys with its values. */
export interface ListKmsTagsReply {
  readonly tags: readonly { readonly key: string; readonly values: readonly string[] }[];
}

/** show-key-tags. */
export interface ShowKmsTagsReply {
  readonly tags: readonly KmsTag[];
  readonly existTagsNum: number;
}

/** The SDK's AliasEntity (create-alias and associate-alias answer one, list-aliases a page of them). */
export interface AliasEntity {
  readonly domain_id: string;
  readonly key_id: string;
  readonly alias: string;
  /** `kms:<region>:<domain_id>:alias:<alias>` (Huawei's example). */
  readonly alias_urn: string;
  readonly create_time: string;
  readonly update_time: string;
}

/** list-aliases: Huawei's example body (ListAliasResponseBody). */
export interface ListAliasesReply {
  readonly aliases: readonly AliasEntity[];
  readonly page_info: { readonly next_marker: string; readonly current_count: number };
}

export interface ResolveAliasReply {
  readonly key_id: string;
}

/** ListSupportRegionsResponse. */
export interface ListSupportRegionsReply {
  readonly regions: readonly string[];
}

/** A key's policy in show/list answers (docs/api-decisions.md, "Key policies"). */
export interface KeyPolicyView {
  readonly key_id: string;
  readonly policy_name: 'default';
  /** The document as JSON text. */
  readonly policy: string;
  /** Milliseconds since the epoch, as a string (Huawei's time fields). */
  readonly update_time: string;
}

export interface KeyPolicyIdReply {
  readonly key_id: string;
  readonly policy_name: 'default';
}

export interface ListKeyPoliciesReply {
  readonly policies: readonly Omit<KeyPolicyView, 'policy'>[];
  readonly total: number;
}
