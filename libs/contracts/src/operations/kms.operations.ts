import {
  CreateDatakeyPairRequest, CreateDatakeyRequest, CreateKeyRequest, DeriveSharedSecretRequest, DecryptDataRequest, DecryptDatakeyRequest, EncryptDataRequest, EncryptDatakeyRequest,
  EnsureDefaultKeyRequest, GenRandomRequest, KeyOpRequest, ListKeysRequest, ScheduleKeyDeletionRequest, SignRequest, UpdateKeyAliasRequest,
  UpdateKeyDescriptionRequest, UpdateKeyEnterpriseProjectRequest, UpdateKeyRotationIntervalRequest, VerifyRequest,
} from '../kms/requests.js';
import { CreateGrantRequest, GrantIdRequest, GrantPageRequest, ListGrantsRequest } from '../kms/grant-requests.js';
import { GetParametersForImportRequest, ImportKeyMaterialRequest } from '../kms/import-requests.js';
import { AssociateAliasRequest, CreateAliasRequest, DeleteAliasRequest, ListAliasesRequest, ListSupportRegionsRequest, ResolveAliasRequest } from '../kms/alias-requests.js';
import { GenerateMacRequest, VerifyMacRequest } from '../kms/mac-requests.js';
import { PutKeyPolicyRequest, ReEncryptRequest, type KeyPolicyIdReply, type KeyPolicyView, type ListKeyPoliciesReply, type ReEncryptReply } from '../kms/key-policy-requests.js';
import { BatchKeyTagsRequest, CreateKeyTagRequest, DeleteKeyTagRequest, ListKeysByTagsRequest } from '../kms/tag-requests.js';
import {
  CreateKeyStoreRequest, KeyStoreIdRequest, ListKeyStoresRequest,
  type CreateKeyStoreReply, type KeyStoreStateReply, type ListKeyStoresReply, type ShowKeyStoreReply,
} from '../kms/key-store-requests.js';
import type {
  AliasEntity, ListAliasesReply, ListSupportRegionsReply, ResolveAliasReply,
  CreateDatakeyPairReply, CreateGrantReply, CreateKeyReply, DeriveSharedSecretReply, DecryptDataReply, DeleteKeyRiskTipsReply, DescribeKeyReply, EncryptDataReply, EncryptDatakeyReply, GenerateMacReply, GenRandomReply,
  GetParametersForImportReply, GetPublicKeyReply, KeyIdState, KeyRotationStatusReply, KeyStateReply, ListGrantsReply, ListKeysReply, ListKmsByTagsReply,
  ListKmsTagsReply, RotateOnDemandReply, ShowKmsTagsReply, SignReply, UpdateKeyAliasReply, UpdateKeyDescriptionReply, UpdateKeyEnterpriseProjectReply,
  UserInstancesReply, UserQuotasReply, VerifyMacReply, VerifyReply,
} from '../kms/replies.js';
import type { CreateDatakeyReply, DecryptDatakeyReply, EnsureDefaultKeyReply } from './bus-replies.js';
import { operationsOf, stateChange, type HttpMethod, type OperationOptions, type TraceSpec } from './operation.js';

const op = operationsOf('kms', 'kms', 'kms', true);
const PREFIX = '/v1.0/:project_id/kms';

/** A key operation at `POST /v1.0/{project_id}/kms/<name>` (or another method/path), with its action on the key. */
function kms<Req extends object = object, Rep = unknown>(name: string, action: string, o: Omit<OperationOptions<Req>, 'http' | 'permission'> & { method?: HttpMethod; path?: string; status?: 201 | 204; onKey?: true } = {}) {
  const { method = 'POST', path = name, status, onKey, ...rest } = o;
  return op<Req, Rep>(name, {
    ...rest,
    ...(onKey ? { flags: { ...rest.flags, onKey } } : {}),
    http: { method, paths: [`${PREFIX}/${path}`], ...(status ? { successStatus: status } : {}) },
    permission: { action, resource: 'cmk' },
  });
}

/** A key-store operation at `/v1.0/{project_id}/keystores[/<path>]` (KmsClient *KeyStore*), with its action on key stores. */
function keystore<Req extends object = object, Rep = unknown>(name: string, method: HttpMethod, path: string, action: string, o: Omit<OperationOptions<Req>, 'http' | 'permission'> = {}) {
  return op<Req, Rep>(name, { ...o, http: { method, paths: [`/v1.0/:project_id/keystores${path}`] }, permission: { action, resource: 'keystore' } });
}

const changes = (name: string, ...events: string[]) => stateChange('cmk', name, ...events);
const keyStoreChange = (name: string, event: string) => stateChange('keystore', name, event);
const audited = (name: string, resourceType = 'cmk'): TraceSpec => ({ name, resourceType });
const CRYPTO = { grantCoverable: true, auditedRead: true } as const;
/** CSMS seals each secret value, KPS each hosted private key, under a data key of a CMK. */
const ENVELOPES = ['csms', 'kps'] as const;
/** Huawei's v2 `key_id` that may be an alias (docs/api-decisions.md, "Aliases"). */
const BY_ALIAS = { keyByAlias: true } as const;
/** Handlers that find the key in any project (KeyAccess): another domain's key policy may allow them (docs/authorization.md). */
const ANY_PROJECT = { keyOfAnyProject: true } as const;

/** Every KMS operation (docs/architecture.md, "Operations"). */
export const kmsOperations = {
  createKey: kms<CreateKeyRequest, CreateKeyReply>('create-key', 'kms:cmk:create', { dto: CreateKeyRequest, edgeShape: true, ...changes('createKey', 'KeyCreated') }),
  describeKey: kms<KeyOpRequest, DescribeKeyReply>('describe-key', 'kms:cmk:get', { onKey: true, dto: KeyOpRequest, edgeShape: true, flags: { grantCoverable: true, ...BY_ALIAS } }),
  listKeys: kms<ListKeysRequest, ListKeysReply>('list-keys', 'kms:cmk:list', { dto: ListKeysRequest, edgeShape: true }),
  enableKey: kms<KeyOpRequest, KeyStateReply>('enable-key', 'kms:cmk:enable', { onKey: true, dto: KeyOpRequest, edgeShape: true, ...changes('enableKey', 'KeyEnabled') }),
  disableKey: kms<KeyOpRequest, KeyStateReply>('disable-key', 'kms:cmk:disable', { onKey: true, dto: KeyOpRequest, edgeShape: true, ...changes('disableKey', 'KeyDisabled') }),
  scheduleKeyDeletion: kms<ScheduleKeyDeletionRequest, KeyIdState>('schedule-key-deletion', 'kms:cmk:update', { onKey: true, dto: ScheduleKeyDeletionRequest, edgeShape: true, ...changes('scheduleKeyDeletion', 'KeyDeletionScheduled') }),
  cancelKeyDeletion: kms<KeyOpRequest, KeyIdState>('cancel-key-deletion', 'kms:cmk:update', { onKey: true, dto: KeyOpRequest, edgeShape: true, ...changes('cancelKeyDeletion', 'KeyDeletionCancelled') }),
  updateKeyAlias: kms<UpdateKeyAliasRequest, UpdateKeyAliasReply>('update-key-alias', 'kms:cmk:update', { onKey: true, dto: UpdateKeyAliasRequest, edgeShape: true, ...changes('updateKeyAlias', 'KeyAliasChanged') }),
  updateKeyDescription: kms<UpdateKeyDescriptionRequest, UpdateKeyDescriptionReply>('update-key-description', 'kms:cmk:update', { onKey: true, dto: UpdateKeyDescriptionRequest, edgeShape: true, ...changes('updateKeyDescription', 'KeyDescriptionChanged') }),
  updateKeyEnterpriseProject: kms<UpdateKeyEnterpriseProjectRequest, UpdateKeyEnterpriseProjectReply>('update-key-enterprise-project', 'kms:cmk:update', { onKey: true, dto: UpdateKeyEnterpriseProjectRequest, ...changes('updateKeyEnterpriseProject', 'KeyEnterpriseProjectChanged') }),
  deleteKeyRiskTips: kms<KeyOpRequest, DeleteKeyRiskTipsReply>('delete-key-risk-tips', 'kms:cmk:get', { onKey: true, dto: KeyOpRequest, trace: audited('deleteKeyRiskTips'), flags: { auditedRead: true } }),
  userInstances: kms<object, UserInstancesReply>('user-instances', 'kms:cmk:getInstance', { method: 'GET' }),
  userQuotas: kms<object, UserQuotasReply>('user-quotas', 'kms:cmk:getQuota', { method: 'GET' }),
  createDatakey: kms<CreateDatakeyRequest, CreateDatakeyReply>('create-datakey', 'kms:cmk:createDataKey', { onKey: true, dto: CreateDatakeyRequest, callers: ENVELOPES, trace: audited('createDatakey'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  createDatakeyWithoutPlaintext: kms<CreateDatakeyRequest, CreateDatakeyReply>('create-datakey-without-plaintext', 'kms:cmk:createDataKeyWithoutPlaintext', { onKey: true, dto: CreateDatakeyRequest, trace: audited('createDatakeyWithoutPlaintext'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  encryptDatakey: kms<EncryptDatakeyRequest, EncryptDatakeyReply>('encrypt-datakey', 'kms:cmk:encryptDataKey', { onKey: true, dto: EncryptDatakeyRequest, trace: audited('encryptDatakey'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  decryptDatakey: kms<DecryptDatakeyRequest, DecryptDatakeyReply>('decrypt-datakey', 'kms:cmk:decryptDataKey', { onKey: true, dto: DecryptDatakeyRequest, callers: ENVELOPES, trace: audited('decryptDatakey'), flags: { ...CRYPTO, keyFromCiphertext: 'hex' } }),
  encryptData: kms<EncryptDataRequest, EncryptDataReply>('encrypt-data', 'kms:cmk:encryptData', { onKey: true, dto: EncryptDataRequest, trace: audited('encryptData'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  decryptData: kms<DecryptDataRequest, DecryptDataReply>('decrypt-data', 'kms:cmk:decryptData', { onKey: true, dto: DecryptDataRequest, trace: audited('decryptData'), flags: { ...CRYPTO, keyFromCiphertext: 'base64', keyIdWhenAsymmetric: true } }),
  reEncrypt: kms<ReEncryptRequest, ReEncryptReply>('re-encrypt', 'kms:cmk:decryptData', {
    onKey: true, dto: ReEncryptRequest, trace: audited('reEncrypt'),
    flags: { auditedRead: true, keyFromCiphertext: 'base64', secondKey: { field: 'destination_key_id', action: 'kms:cmk:encryptData', operation: 'encrypt-data' } },
  }),
  sign: kms<SignRequest, SignReply>('sign', 'kms:cmk:sign', { onKey: true, dto: SignRequest, trace: audited('sign'), flags: { auditedRead: true, ...BY_ALIAS, ...ANY_PROJECT } }),
  verify: kms<VerifyRequest, VerifyReply>('verify', 'kms:cmk:verify', { onKey: true, dto: VerifyRequest, trace: audited('verify'), flags: { auditedRead: true, ...BY_ALIAS, ...ANY_PROJECT } }),
  getPublicKey: kms<KeyOpRequest, GetPublicKeyReply>('get-publickey', 'kms:cmk:getPublicKey', { onKey: true, dto: KeyOpRequest, flags: BY_ALIAS }),
  createRsaDatakeyPair: kms<CreateDatakeyPairRequest, CreateDatakeyPairReply>('create-rsa-datakey-pair', 'kms:cmk:createRsaDataKeyPair', { onKey: true, dto: CreateDatakeyPairRequest, trace: audited('createRsaDatakeyPair'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  createEcDatakeyPair: kms<CreateDatakeyPairRequest, CreateDatakeyPairReply>('create-ec-datakey-pair', 'kms:cmk:createEcDataKeyPair', { onKey: true, dto: CreateDatakeyPairRequest, trace: audited('createEcDatakeyPair'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  deriveSharedSecret: kms<DeriveSharedSecretRequest, DeriveSharedSecretReply>('derive-shared-secret', 'kms:cmk:deriveSharedSecret', { onKey: true, dto: DeriveSharedSecretRequest, trace: audited('deriveSharedSecret'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  generateMac: kms<GenerateMacRequest, GenerateMacReply>('generate-mac', 'kms:cmk:generateMac', { onKey: true, dto: GenerateMacRequest, trace: audited('generateMac'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  verifyMac: kms<VerifyMacRequest, VerifyMacReply>('verify-mac', 'kms:cmk:verifyMac', { onKey: true, dto: VerifyMacRequest, trace: audited('verifyMac'), flags: { ...CRYPTO, ...BY_ALIAS } }),
  genRandom: kms<GenRandomRequest, GenRandomReply>('gen-random', 'kms:cmk:generate', { dto: GenRandomRequest, trace: audited('genRandom', 'rng'), flags: { auditedRead: true } }),
  getParametersForImport: kms<GetParametersForImportRequest, GetParametersForImportReply>('get-parameters-for-import', 'kms:cmk:getMaterial', { onKey: true, dto: GetParametersForImportRequest, ...changes('getParametersForImport', 'ImportParametersIssued') }),
  importKeyMaterial: kms<ImportKeyMaterialRequest, Record<string, never>>('import-key-material', 'kms:cmk:importMaterial', { onKey: true, dto: ImportKeyMaterialRequest, ...changes('importKeyMaterial', 'KeyMaterialImported') }),
  deleteImportedKeyMaterial: kms<KeyOpRequest, Record<string, never>>('delete-imported-key-material', 'kms:cmk:deleteMaterial', { onKey: true, dto: KeyOpRequest, ...changes('deleteImportedKeyMaterial', 'KeyMaterialDeleted') }),
  createGrant: kms<CreateGrantRequest, CreateGrantReply>('create-grant', 'kms:grant:create', { onKey: true, dto: CreateGrantRequest, ...changes('createGrant', 'GrantCreated'), flags: { changesState: true, grantCoverable: true } }),
  revokeGrant: kms<GrantIdRequest, Record<string, never>>('revoke-grant', 'kms:grant:revoke', { onKey: true, dto: GrantIdRequest, ...changes('revokeGrant', 'GrantRevoked') }),
  retireGrant: kms<GrantIdRequest, Record<string, never>>('retire-grant', 'kms:grant:retire', { onKey: true, dto: GrantIdRequest, ...changes('retireGrant', 'GrantRetired'), flags: { changesState: true, grantCoverable: true } }),
  listGrants: kms<ListGrantsRequest, ListGrantsReply>('list-grants', 'kms:grant:list', { onKey: true, dto: ListGrantsRequest }),
  listRetirableGrants: kms<GrantPageRequest, ListGrantsReply>('list-retirable-grants', 'kms:grant:list', { dto: GrantPageRequest }),
  createKeyPolicy: kms<PutKeyPolicyRequest, KeyPolicyIdReply>('create-key-policy', 'kms:policy:create', { onKey: true, dto: PutKeyPolicyRequest, edgeShape: true, ...changes('createKeyPolicy', 'KeyPolicyCreated') }),
  showKeyPolicy: kms<KeyOpRequest, KeyPolicyView>('show-key-policy', 'kms:policy:get', { onKey: true, dto: KeyOpRequest, edgeShape: true }),
  updateKeyPolicy: kms<PutKeyPolicyRequest, KeyPolicyIdReply>('update-key-policy', 'kms:policy:update', { onKey: true, dto: PutKeyPolicyRequest, edgeShape: true, ...changes('updateKeyPolicy', 'KeyPolicyUpdated') }),
  deleteKeyPolicy: kms<KeyOpRequest, KeyPolicyIdReply>('delete-key-policy', 'kms:policy:delete', { onKey: true, dto: KeyOpRequest, edgeShape: true, ...changes('deleteKeyPolicy', 'KeyPolicyDeleted') }),
  listKeyPolicies: kms<KeyOpRequest, ListKeyPoliciesReply>('list-key-policies', 'kms:policy:list', { onKey: true, dto: KeyOpRequest, edgeShape: true }),
  enableKeyRotation: kms<KeyOpRequest, Record<string, never>>('enable-key-rotation', 'kms:cmk:enableRotation', { onKey: true, dto: KeyOpRequest, ...changes('enableKeyRotation', 'KeyRotationEnabled') }),
  disableKeyRotation: kms<KeyOpRequest, Record<string, never>>('disable-key-rotation', 'kms:cmk:disableRotation', { onKey: true, dto: KeyOpRequest, ...changes('disableKeyRotation', 'KeyRotationDisabled') }),
  updateKeyRotationInterval: kms<UpdateKeyRotationIntervalRequest, Record<string, never>>('update-key-rotation-interval', 'kms:cmk:updateRotation', { onKey: true, dto: UpdateKeyRotationIntervalRequest, ...changes('updateKeyRotationInterval', 'KeyRotationIntervalChanged') }),
  getKeyRotationStatus: kms<KeyOpRequest, KeyRotationStatusReply>('get-key-rotation-status', 'kms:cmk:getRotation', { onKey: true, dto: KeyOpRequest }),
  rotateOnDemand: kms<KeyOpRequest, RotateOnDemandReply>('rotate-on-demand', 'kms:cmk:rotate', { onKey: true, dto: KeyOpRequest, ...changes('rotateKey', 'KeyRotated') }),
  listKeysByTags: kms<ListKeysByTagsRequest, ListKmsByTagsReply>('resource_instances/action', 'kms:cmkTag:listInstance', { dto: ListKeysByTagsRequest }),
  listProjectTags: kms<object, ListKmsTagsReply>('list-project-tags', 'kms:cmkTag:list', { method: 'GET', path: 'tags' }),
  showKeyTags: kms<KeyOpRequest, ShowKmsTagsReply>('show-key-tags', 'kms:cmkTag:list', { onKey: true, dto: KeyOpRequest, method: 'GET', path: ':key_id/tags' }),
  createKeyTag: kms<CreateKeyTagRequest, Record<string, never>>('create-key-tag', 'kms:cmkTag:create', { onKey: true, dto: CreateKeyTagRequest, path: ':key_id/tags', status: 204, ...changes('dealUnifiedTags', 'KeyTagsChanged') }),
  batchKeyTags: kms<BatchKeyTagsRequest, Record<string, never>>('batch-key-tags', 'kms:cmkTag:batch', { onKey: true, dto: BatchKeyTagsRequest, path: ':key_id/tags/action', status: 204, ...changes('dealUnifiedTags', 'KeyTagsChanged') }),
  deleteKeyTag: kms<DeleteKeyTagRequest, Record<string, never>>('delete-key-tag', 'kms:cmkTag:delete', { onKey: true, dto: DeleteKeyTagRequest, method: 'DELETE', path: ':key_id/tags/:tag_key', status: 204, ...changes('dealUnifiedTags', 'KeyTagsChanged') }),
  /** Huawei's v2 key aliases (docs/api-decisions.md, "Aliases"); v5 action names as Huawei publishes them. */
  createAlias: kms<CreateAliasRequest, AliasEntity>('create-alias', 'kms:alias:create', { onKey: true, dto: CreateAliasRequest, edgeShape: true, path: 'aliases', status: 201, ...changes('createAlias', 'AliasCreated') }),
  associateAlias: kms<AssociateAliasRequest, AliasEntity>('associate-alias', 'kms:alias:associate', { onKey: true, dto: AssociateAliasRequest, edgeShape: true, path: 'alias/associate', ...changes('associateAlias', 'AliasAssociated'), flags: { changesState: true, keyField: 'target_key_id' } }),
  deleteAlias: kms<DeleteAliasRequest, Record<string, never>>('delete-alias', 'kms:alias:delete', { onKey: true, dto: DeleteAliasRequest, edgeShape: true, method: 'DELETE', path: 'aliases', ...changes('deleteAlias', 'AliasDeleted') }),
  listAliases: kms<ListAliasesRequest, ListAliasesReply>('list-aliases', 'kms:alias:list', { dto: ListAliasesRequest, method: 'GET', path: 'aliases' }),
  /** Dedicated key stores (docs/api-decisions.md, "Key stores"); actions kms:keystore:<verb>. */
  createKeyStore: keystore<CreateKeyStoreRequest, CreateKeyStoreReply>('create-key-store', 'POST', '', 'kms:keystore:create', { dto: CreateKeyStoreRequest, edgeShape: true, ...keyStoreChange('createKeyStore', 'KeyStoreCreated') }),
  showKeyStore: keystore<KeyStoreIdRequest, ShowKeyStoreReply>('show-key-store', 'GET', '/:keystore_id', 'kms:keystore:get', { dto: KeyStoreIdRequest }),
  listKeyStores: keystore<ListKeyStoresRequest, ListKeyStoresReply>('list-key-stores', 'GET', '', 'kms:keystore:list', { dto: ListKeyStoresRequest }),
  enableKeyStore: keystore<KeyStoreIdRequest, KeyStoreStateReply>('enable-key-store', 'POST', '/:keystore_id/enable', 'kms:keystore:enable', { dto: KeyStoreIdRequest, ...keyStoreChange('enableKeyStore', 'KeyStoreEnabled') }),
  disableKeyStore: keystore<KeyStoreIdRequest, KeyStoreStateReply>('disable-key-store', 'POST', '/:keystore_id/disable', 'kms:keystore:disable', { dto: KeyStoreIdRequest, ...keyStoreChange('disableKeyStore', 'KeyStoreDisabled') }),
  deleteKeyStore: keystore<KeyStoreIdRequest, Record<string, never>>('delete-key-store', 'DELETE', '/:keystore_id', 'kms:keystore:delete', { dto: KeyStoreIdRequest, ...keyStoreChange('deleteKeyStore', 'KeyStoreDeleted') }),
  /** The key an alias names, asked by the gateway before IAM is asked (docs/authorization.md, "The key asked about"). */
  resolveAlias: op<ResolveAliasRequest, ResolveAliasReply>('resolve-alias', { dto: ResolveAliasRequest, callers: ['gateway'] }),
  /** KmsClient v2 ListSupportRegions: the deployment's own region. */
  listSupportRegions: op<ListSupportRegionsRequest, ListSupportRegionsReply>('list-support-regions', {
    dto: ListSupportRegionsRequest,
    http: { method: 'GET', paths: ['/v2/:project_id/kms/regions'] },
    permission: { action: 'kms:cmk:listSupportRegions', resource: 'none' },
  }),
  /** CSMS's default key `csms/default`, made on first use (docs/architecture.md, "Services"). */
  ensureDefaultKey: op<EnsureDefaultKeyRequest, EnsureDefaultKeyReply>('ensure-default-key', { dto: EnsureDefaultKeyRequest, callers: ENVELOPES, ...changes('createKey', 'KeyCreated') }),
  /** The deletion scheduler's destruction of a key whose waiting period is over. */
  destroyKey: op('delete-key', { scheduled: true, ...changes('deleteKey', 'KeyDestroyed') }),
} as const;
