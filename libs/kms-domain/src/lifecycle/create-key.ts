import {
  AliasTaken,
  FieldNotEither,
  KeyIdTaken,
  KeyQuotaReached,
  KeyStoreStateForbids,
  KmsInternalFault,
  WrappedMaterialEmpty,
} from '@dew/contracts';
import { isSymmetric, parseKeySpec, parseKeyUsage, type KeySpec, type KeyUsage } from '../key-specs.js';
import {
  DEFAULT_ENTERPRISE_PROJECT_ID,
  defaultAliasOf,
  validateAlias,
  validateDescription,
  validateEnterpriseProjectId,
  validateTags,
} from '../rules.js';
import type { KeyDefinition, KeyMaterial, KeyOrigin, Keyring } from '../state/keyring.state.js';
import { findByAlias } from '../state/queries.js';
import { liveKeyStore } from '../key-stores/queries.js';
import { requireKeyStoreSpec } from '../key-stores/rules.js';
import type { CreateKey, EnsureDefaultKey } from './commands.js';
import type { KeyCreated } from './events.js';

/**
 * CMKs per project, default master keys excluded, unless the operator sets another quota
 * (DEW_KMS_KEY_QUOTA, README "Settings"): Huawei's default, the figure user-quotas shows.
 */
export const DEFAULT_USER_KEY_QUOTA = 50;

export type CreateKeyInput = Omit<CreateKey, 'type' | 'material'>;

/** What a valid CreateKey will create: tells the service which material to generate, if any. */
export type CreateKeyPlan = KeyDefinition;

function parseOrigin(origin: string | undefined): KeyOrigin {
  if (origin === undefined || origin === 'kms') return 'kms';
  if (origin === 'external') return 'external';
  throw FieldNotEither('origin', 'kms', 'external', origin);
}

/**
 * Every refusal CreateKey can meet, without material: the service calls this before it spends
 * time generating keys (RSA-4096 takes about a second), and decide calls it again.
 */
export function validateCreateKey(state: Keyring, cmd: CreateKeyInput): CreateKeyPlan {
  const alias = validateAlias(cmd.alias);
  const description = validateDescription(cmd.description ?? '');
  const keySpec = parseKeySpec(cmd.keySpec);
  const keyUsage = parseKeyUsage(keySpec, cmd.keyUsage);
  const origin = parseOrigin(cmd.origin);
  const enterpriseProjectId = validateEnterpriseProjectId(cmd.enterpriseProjectId);
  const tags = validateTags(cmd.tags ?? []);
  if (state.keys.has(cmd.keyId)) throw KeyIdTaken(cmd.keyId);
  const holder = findByAlias(state, alias);
  if (holder) throw AliasTaken(alias, holder.keyId);
  if (state.userKeys >= cmd.userKeyQuota) throw KeyQuotaReached(cmd.userKeyQuota, state.userKeys);
  const keystoreId = cmd.keystoreId === undefined ? undefined : keyStoreFor(state, cmd.keystoreId, keySpec, keyUsage, origin);
  return { keyId: cmd.keyId, domainId: cmd.domainId, alias, description, keySpec, keyUsage, origin, enterpriseProjectId, tags, ...(keystoreId ? { keystoreId } : {}) };
}

/** A key of a key store: the store exists in the project, is enabled, and its HSM makes keys of this spec. */
function keyStoreFor(state: Keyring, keystoreId: string, keySpec: KeySpec, keyUsage: KeyUsage, origin: KeyOrigin): string {
  const store = liveKeyStore(state, keystoreId);
  if (store.state !== 'ENABLED') throw KeyStoreStateForbids(keystoreId, 'disabled', 'create-key needs an enabled key store');
  requireKeyStoreSpec(keystoreId, keySpec, keyUsage, origin);
  return keystoreId;
}

/** Material handed in by the service must fit the key; a mismatch is our bug, hence KMS.0101. */
function checkMaterial(keySpec: KeySpec, origin: KeyOrigin, material: KeyMaterial | null, inKeyStore = false): void {
  if (origin === 'external') {
    if (material !== null) throw KmsInternalFault('a key of origin external is created without material');
    return;
  }
  if (material === null) throw KmsInternalFault('a key of origin kms needs material at creation');
  if (material.version !== 1) throw KmsInternalFault(`a new key's material must be version 1, got ${material.version}`);
  if (inKeyStore !== (material.hsmKeyId !== undefined)) {
    throw KmsInternalFault(`a key ${inKeyStore ? 'of' : 'outside'} a key store ${inKeyStore ? 'needs' : 'must not carry'} an HSM key id`);
  }
  if (inKeyStore && material.wrapped.length > 0) throw KmsInternalFault('a key-store key keeps no wrapped material in KMS');
  if (!inKeyStore && material.wrapped.length === 0) throw WrappedMaterialEmpty();
  const symmetric = isSymmetric(keySpec);
  if (symmetric === (material.publicKeyPem !== undefined)) {
    throw KmsInternalFault(`${keySpec} material ${symmetric ? 'must not carry' : 'needs'} a public key`);
  }
}

export function createKey(state: Keyring, cmd: CreateKey): KeyCreated[] {
  const plan = validateCreateKey(state, cmd);
  checkMaterial(plan.keySpec, plan.origin, cmd.material, plan.keystoreId !== undefined);
  return [{ type: 'KeyCreated', ...plan, isDefault: false, at: cmd.now, material: cmd.material }];
}

export function ensureDefaultKey(state: Keyring, cmd: EnsureDefaultKey): KeyCreated[] {
  const alias = defaultAliasOf(cmd.service);
  if (findByAlias(state, alias)) return [];
  if (state.keys.has(cmd.keyId)) throw KeyIdTaken(cmd.keyId);
  checkMaterial('AES_256', 'kms', cmd.material);
  return [
    {
      type: 'KeyCreated',
      keyId: cmd.keyId,
      domainId: cmd.domainId,
      alias,
      description: `Default master key of ${cmd.service}`,
      keySpec: 'AES_256',
      keyUsage: 'ENCRYPT_DECRYPT',
      origin: 'kms',
      enterpriseProjectId: DEFAULT_ENTERPRISE_PROJECT_ID,
      tags: [],
      isDefault: true,
      at: cmd.now,
      material: cmd.material,
    },
  ];
}
