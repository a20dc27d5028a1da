import type { Type } from '@nestjs/common';
import { AssociateAliasController } from './aliases/associate-alias.controller.js';
import { CreateAliasController } from './aliases/create-alias.controller.js';
import { DeleteAliasController } from './aliases/delete-alias.controller.js';
import { ListAliasesController } from './aliases/list-aliases.controller.js';
import { ListSupportRegionsController } from './regions/list-support-regions.controller.js';
import { ResolveAliasController } from './aliases/resolve-alias.controller.js';
import { CreateEcDatakeyPairController } from './crypto/create-ec-datakey-pair.controller.js';
import { CreateRsaDatakeyPairController } from './crypto/create-rsa-datakey-pair.controller.js';
import { DeriveSharedSecretController } from './crypto/derive-shared-secret.controller.js';
import { CreateDatakeyWithoutPlaintextController } from './crypto/create-datakey-without-plaintext.controller.js';
import { CreateDatakeyController } from './crypto/create-datakey.controller.js';
import { DecryptDataController } from './crypto/decrypt-data.controller.js';
import { DecryptDatakeyController } from './crypto/decrypt-datakey.controller.js';
import { EncryptDataController } from './crypto/encrypt-data.controller.js';
import { EncryptDatakeyController } from './crypto/encrypt-datakey.controller.js';
import { GenerateMacController } from './crypto/generate-mac.controller.js';
import { GenRandomController } from './crypto/gen-random.controller.js';
import { GetPublicKeyController } from './crypto/get-publickey.controller.js';
import { SignController } from './crypto/sign.controller.js';
import { VerifyMacController } from './crypto/verify-mac.controller.js';
import { VerifyController } from './crypto/verify.controller.js';
import { CreateGrantController } from './grants/create-grant.controller.js';
import { ListGrantsController } from './grants/list-grants.controller.js';
import { ListRetirableGrantsController } from './grants/list-retirable-grants.controller.js';
import { RetireGrantController } from './grants/retire-grant.controller.js';
import { RevokeGrantController } from './grants/revoke-grant.controller.js';
import { DeleteImportedKeyMaterialController } from './import/delete-imported-key-material.controller.js';
import { GetParametersForImportController } from './import/get-parameters-for-import.controller.js';
import { ImportKeyMaterialController } from './import/import-key-material.controller.js';
import { CreateKeyPolicyController } from './key-policies/create-key-policy.controller.js';
import { ShowKeyPolicyController } from './key-policies/show-key-policy.controller.js';
import { UpdateKeyPolicyController } from './key-policies/update-key-policy.controller.js';
import { DeleteKeyPolicyController } from './key-policies/delete-key-policy.controller.js';
import { ListKeyPoliciesController } from './key-policies/list-key-policies.controller.js';
import { ReEncryptController } from './crypto/re-encrypt.controller.js';
import { CancelKeyDeletionController } from './keys/cancel-key-deletion.controller.js';
import { CreateKeyController } from './keys/create-key.controller.js';
import { DeleteKeyRiskTipsController } from './keys/delete-key-risk-tips.controller.js';
import { DescribeKeyController } from './keys/describe-key.controller.js';
import { DisableKeyController } from './keys/disable-key.controller.js';
import { EnableKeyController } from './keys/enable-key.controller.js';
import { EnsureDefaultKeyController } from './keys/ensure-default-key.controller.js';
import { ListKeysController } from './keys/list-keys.controller.js';
import { ScheduleKeyDeletionController } from './keys/schedule-key-deletion.controller.js';
import { UpdateKeyAliasController } from './keys/update-key-alias.controller.js';
import { UpdateKeyDescriptionController } from './keys/update-key-description.controller.js';
import { UpdateKeyEnterpriseProjectController } from './keys/update-key-enterprise-project.controller.js';
import { UserInstancesController } from './keys/user-instances.controller.js';
import { UserQuotasController } from './keys/user-quotas.controller.js';
import { DisableKeyRotationController } from './rotation/disable-key-rotation.controller.js';
import { EnableKeyRotationController } from './rotation/enable-key-rotation.controller.js';
import { GetKeyRotationStatusController } from './rotation/get-key-rotation-status.controller.js';
import { RotateOnDemandController } from './rotation/rotate-on-demand.controller.js';
import { UpdateKeyRotationIntervalController } from './rotation/update-key-rotation-interval.controller.js';
import { BatchKeyTagsController } from './tags/batch-key-tags.controller.js';
import { CreateKeyTagController } from './tags/create-key-tag.controller.js';
import { DeleteKeyTagController } from './tags/delete-key-tag.controller.js';
import { ListKeysByTagsController } from './tags/list-keys-by-tags.controller.js';
import { ListProjectTagsController } from './tags/list-project-tags.controller.js';
import { ShowKeyTagsController } from './tags/show-key-tags.controller.js';
import { CreateKeyStoreController } from './key-stores/create-key-store.controller.js';
import { ShowKeyStoreController } from './key-stores/show-key-store.controller.js';
import { ListKeyStoresController } from './key-stores/list-key-stores.controller.js';
import { EnableKeyStoreController } from './key-stores/enable-key-store.controller.js';
import { DisableKeyStoreController } from './key-stores/disable-key-store.controller.js';
import { DeleteKeyStoreController } from './key-stores/delete-key-store.controller.js';

/** One controller per row of the kms table (docs/architecture.md, "Operations"). */
export const KMS_CONTROLLERS: Type[] = [
  CreateKeyStoreController,
  ShowKeyStoreController,
  ListKeyStoresController,
  EnableKeyStoreController,
  DisableKeyStoreController,
  DeleteKeyStoreController,
  AssociateAliasController,
  CreateAliasController,
  DeleteAliasController,
  ListAliasesController,
  ListSupportRegionsController,
  ResolveAliasController,
  CreateRsaDatakeyPairController,
  CreateEcDatakeyPairController,
  DeriveSharedSecretController,
  CreateKeyPolicyController,
  ShowKeyPolicyController,
  UpdateKeyPolicyController,
  DeleteKeyPolicyController,
  ListKeyPoliciesController,
  ReEncryptController,
  CreateDatakeyWithoutPlaintextController,
  CreateDatakeyController,
  DecryptDataController,
  DecryptDatakeyController,
  EncryptDataController,
  EncryptDatakeyController,
  GenerateMacController,
  GenRandomController,
  GetPublicKeyController,
  SignController,
  VerifyMacController,
  VerifyController,
  CreateGrantController,
  ListGrantsController,
  ListRetirableGrantsController,
  RetireGrantController,
  RevokeGrantController,
  DeleteImportedKeyMaterialController,
  GetParametersForImportController,
  ImportKeyMaterialController,
  CancelKeyDeletionController,
  CreateKeyController,
  DeleteKeyRiskTipsController,
  DescribeKeyController,
  DisableKeyController,
  EnableKeyController,
  EnsureDefaultKeyController,
  ListKeysController,
  ScheduleKeyDeletionController,
  UpdateKeyAliasController,
  UpdateKeyDescriptionController,
  UpdateKeyEnterpriseProjectController,
  UserInstancesController,
  UserQuotasController,
  DisableKeyRotationController,
  EnableKeyRotationController,
  GetKeyRotationStatusController,
  RotateOnDemandController,
  UpdateKeyRotationIntervalController,
  BatchKeyTagsController,
  CreateKeyTagController,
  DeleteKeyTagController,
  ListKeysByTagsController,
  ListProjectTagsController,
  ShowKeyTagsController,
];
