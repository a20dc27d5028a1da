import { DewError } from '@dew/contracts';
import { isSymmetric, parseKeySpec, parseKeyUsage, type KeySpec, type KeyUsage } from './key-specs.js';
import {
  assertNever,
  DAY_MS,
  findByAlias,
  findKey,
  type EnabledCmk,
  type KeyMaterial,
  type KeyOrigin,
  type Keyring,
  type KeyringEvent,
  type LiveCmk,
} from './keyring.js';
import {
  defaultAliasOf,
  validateAlias,
  validateDescription,
  validateEnterpriseProjectId,
  validatePendingDays,
  validateTags,
  DEFAULT_ENTERPRISE_PROJECT_ID,
  type KeyTag,
  type KeyTagInput,
} from './rules.js';
import { createGrant, retireGrant, revokeGrant, type GrantCommand } from './grants.js';
import { liveKey, refuseDefault, refusePendingDeletion } from './guards.js';
import {
  disableKeyRotation,
  enableKeyRotation,
  rotateKey,
  updateKeyRotationInterval,
  type RotationCommand,
} from './rotation.js';
import { addKeyTag, batchKeyTags, removeKeyTag, type TagCommand } from './tags.js';
import {
  deleteImportedKeyMaterial,
  importKeyMaterial,
  issueImportParameters,
  spendImportParameters,
  type ImportCommand,
} from './import.js';
import { quote } from '@dew/contracts';

/** CMKs per project, default master keys excluded. */
export const USER_KEY_QUOTA = 50;

// ---- commands ------------------------------------------------------------------------------
// Wire-shaped fields (keySpec, keyUsage, origin) are strings: decide parses and refuses them.

export interface CreateKey {
  readonly type: 'CreateKey';
  readonly keyId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly description?: string;
  readonly keySpec?: string;
  readonly keyUsage?: string;
  readonly origin?: string;
  readonly enterpriseProjectId?: string;
  readonly tags?: readonly KeyTagInput[];
  readonly now: number;
  /** Required for origin kms (version 1), null for origin external. */
  readonly material: KeyMaterial | null;
}
export interface EnsureDefaultKey {
  readonly type: 'EnsureDefaultKey';
  readonly keyId: string;
  readonly domainId: string;
  /** e.g. `csms` → alias `csms/default`. */
  readonly service: string;
  readonly now: number;
  readonly material: KeyMaterial;
}
export interface EnableKey {
  readonly type: 'EnableKey';
  readonly keyId: string;
  readonly now: number;
}
export interface DisableKey {
  readonly type: 'DisableKey';
  readonly keyId: string;
  readonly now: number;
}
export interface ScheduleKeyDeletion {
  readonly type: 'ScheduleKeyDeletion';
  readonly keyId: string;
  readonly pendingDays: number;
  readonly now: number;
}
export interface CancelKeyDeletion {
  readonly type: 'CancelKeyDeletion';
  readonly keyId: string;
  readonly now: number;
}
/** Issued by the deletion executor when a key's pending period may have ended. */
export interface DestroyKey {
  readonly type: 'DestroyKey';
  readonly keyId: string;
  readonly now: number;
}
export interface UpdateKeyAlias {
  readonly type: 'UpdateKeyAlias';
  readonly keyId: string;
  readonly alias: string;
  readonly now: number;
}
export interface UpdateKeyDescription {
  readonly type: 'UpdateKeyDescription';
  readonly keyId: string;
  readonly description: string;
  readonly now: number;
}

/** update-key-enterprise-project, a DEW extension (docs/api-decisions.md, "Extensions"). */
export interface MoveKeyToEnterpriseProject {
  readonly type: 'MoveKeyToEnterpriseProject';
  readonly keyId: string;
  readonly enterpriseProjectId: string;
  readonly now: number;
}

export type KeyringCommand =
  | CreateKey
  | EnsureDefaultKey
  | EnableKey
  | DisableKey
  | ScheduleKeyDeletion
  | CancelKeyDeletion
  | DestroyKey
  | UpdateKeyAlias
  | UpdateKeyDescription
  | MoveKeyToEnterpriseProject
  | RotationCommand
  | GrantCommand
  | TagCommand
  | ImportCommand;

// ---- create --------------------------------------------------------------------------------

export type CreateKeyInput = Omit<CreateKey, 'type' | 'material'>;

/** What a valid CreateKey will create: tells the service which material to generate, if any. */
export interface CreateKeyPlan {
  readonly keyId: string;
  readonly domainId: string;
  readonly alias: string;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsage;
  readonly origin: KeyOrigin;
  readonly enterpriseProjectId: string;
  readonly tags: readonly KeyTag[];
}

function parseOrigin(origin: string | undefined): KeyOrigin {
  if (origin === undefined || origin === 'kms') return 'kms';
  if (origin === 'external') return 'external';
  throw new DewError('KMS.0308', `origin must be kms or external, got ${quote(origin)}`);
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
  if (state.keys.has(cmd.keyId)) {
    throw new DewError('KMS.0101', `key_id ${cmd.keyId} is already taken`);
  }
  const holder = findByAlias(state, alias);
  if (holder) throw new DewError('KMS.1104', `key_alias ${quote(alias)} is already used by key ${holder.keyId}`);
  if (state.userKeys >= USER_KEY_QUOTA) {
    throw new DewError('KMS.1105', `key quota of ${USER_KEY_QUOTA} reached (${state.userKeys} keys in project)`);
  }
  return { keyId: cmd.keyId, domainId: cmd.domainId, alias, description, keySpec, keyUsage, origin, enterpriseProjectId, tags };
}

/** Material handed in by the service must fit the key; a mismatch is our bug, hence KMS.0101. */
function checkMaterial(keySpec: KeySpec, origin: KeyOrigin, material: KeyMaterial | null): void {
  if (origin === 'external') {
    if (material !== null) throw new DewError('KMS.0101', 'a key of origin external is created without material');
    return;
  }
  if (material === null) throw new DewError('KMS.0101', 'a key of origin kms needs material at creation');
  if (material.version !== 1) {
    throw new DewError('KMS.0101', `a new key's material must be version 1, got ${material.version}`);
  }
  if (material.wrapped.length === 0) throw new DewError('KMS.0101', 'wrapped key material is empty');
  const symmetric = isSymmetric(keySpec);
  if (symmetric === (material.publicKeyPem !== undefined)) {
    throw new DewError(
      'KMS.0101',
      `${keySpec} material ${symmetric ? 'must not carry' : 'needs'} a public key`,
    );
  }
}

function createKey(state: Keyring, cmd: CreateKey): KeyringEvent[] {
  const plan = validateCreateKey(state, cmd);
  checkMaterial(plan.keySpec, plan.origin, cmd.material);
  return [{ type: 'KeyCreated', ...plan, isDefault: false, at: cmd.now, material: cmd.material }];
}

function ensureDefaultKey(state: Keyring, cmd: EnsureDefaultKey): KeyringEvent[] {
  const alias = defaultAliasOf(cmd.service);
  if (findByAlias(state, alias)) return [];
  if (state.keys.has(cmd.keyId)) throw new DewError('KMS.0101', `key_id ${cmd.keyId} is already taken`);
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

// ---- lifecycle -----------------------------------------------------------------------------

function enableKey(state: Keyring, cmd: EnableKey): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  switch (k.status) {
    case 'Disabled':
      return [{ type: 'KeyEnabled', keyId: k.keyId, at: cmd.now }];
    case 'Enabled':
      throw new DewError('KMS.1201', `key ${k.keyId} is not disabled (it is already enabled)`);
    case 'PendingDeletion':
      throw new DewError('KMS.0210', `key ${k.keyId} is pending deletion; cancel the deletion first`);
    case 'PendingImport':
      throw new DewError('KMS.0309', `key ${k.keyId} is pending import: key material must be imported first`);
    default:
      return assertNever(k);
  }
}

function disableKey(state: Keyring, cmd: DisableKey): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'disable');
  switch (k.status) {
    case 'Enabled':
      return [{ type: 'KeyDisabled', keyId: k.keyId, at: cmd.now }];
    case 'PendingDeletion':
      throw new DewError('KMS.0210', `key ${k.keyId} is pending deletion; disable is not allowed`);
    case 'Disabled':
      throw new DewError('KMS.1301', `key ${k.keyId} is not enabled (it is already disabled)`);
    case 'PendingImport':
      throw new DewError('KMS.1301', `key ${k.keyId} is not enabled (it is pending import)`);
    default:
      return assertNever(k);
  }
}

function scheduleKeyDeletion(state: Keyring, cmd: ScheduleKeyDeletion): KeyringEvent[] {
  const pendingDays = validatePendingDays(cmd.pendingDays);
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'schedule deletion');
  switch (k.status) {
    case 'Enabled':
    case 'Disabled':
    case 'PendingImport':
      return [
        {
          type: 'KeyDeletionScheduled',
          keyId: k.keyId,
          pendingDays,
          deleteAt: cmd.now + pendingDays * DAY_MS,
          at: cmd.now,
        },
      ];
    case 'PendingDeletion':
      throw new DewError('KMS.1402', `key ${k.keyId} is already pending deletion`);
    default:
      return assertNever(k);
  }
}

function cancelKeyDeletion(state: Keyring, cmd: CancelKeyDeletion): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  if (k.status !== 'PendingDeletion') {
    throw new DewError('KMS.1501', `key ${k.keyId} is not pending deletion`);
  }
  return [
    { type: 'KeyDeletionCancelled', keyId: k.keyId, restoredTo: k.hadMaterial ? 'Disabled' : 'PendingImport', at: cmd.now },
  ];
}

/** Idempotent: a key cancelled meanwhile, not yet due, or already destroyed yields no event. */
function destroyKey(state: Keyring, cmd: DestroyKey): KeyringEvent[] {
  const k = state.keys.get(cmd.keyId);
  if (!k) throw new DewError('KMS.0207', `key ${cmd.keyId} does not exist`);
  if (k.status !== 'PendingDeletion' || cmd.now < k.deleteAt) return [];
  return [{ type: 'KeyDestroyed', keyId: k.keyId, at: cmd.now }];
}

function updateKeyAlias(state: Keyring, cmd: UpdateKeyAlias): KeyringEvent[] {
  const alias = validateAlias(cmd.alias);
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'changing the alias');
  refusePendingDeletion(k, 'changing the alias');
  if (k.alias === alias) return [];
  const holder = findByAlias(state, alias);
  if (holder) throw new DewError('KMS.1104', `key_alias ${quote(alias)} is already used by key ${holder.keyId}`);
  return [{ type: 'KeyAliasChanged', keyId: k.keyId, alias, previousAlias: k.alias, at: cmd.now }];
}

function updateKeyDescription(state: Keyring, cmd: UpdateKeyDescription): KeyringEvent[] {
  const description = validateDescription(cmd.description);
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'changing the description');
  refusePendingDeletion(k, 'changing the description');
  if (k.description === description) return [];
  return [{ type: 'KeyDescriptionChanged', keyId: k.keyId, description, at: cmd.now }];
}

function moveKeyToEnterpriseProject(state: Keyring, cmd: MoveKeyToEnterpriseProject): KeyringEvent[] {
  const enterpriseProjectId = validateEnterpriseProjectId(cmd.enterpriseProjectId);
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'moving to another enterprise project');
  refusePendingDeletion(k, 'moving to another enterprise project');
  if (k.enterpriseProjectId === enterpriseProjectId) return [];
  return [
    {
      type: 'KeyEnterpriseProjectChanged',
      keyId: k.keyId,
      enterpriseProjectId,
      previousEnterpriseProjectId: k.enterpriseProjectId,
      at: cmd.now,
    },
  ];
}

export function decide(state: Keyring, command: KeyringCommand): readonly KeyringEvent[] {
  switch (command.type) {
    case 'CreateKey':
      return createKey(state, command);
    case 'EnsureDefaultKey':
      return ensureDefaultKey(state, command);
    case 'EnableKey':
      return enableKey(state, command);
    case 'DisableKey':
      return disableKey(state, command);
    case 'ScheduleKeyDeletion':
      return scheduleKeyDeletion(state, command);
    case 'CancelKeyDeletion':
      return cancelKeyDeletion(state, command);
    case 'DestroyKey':
      return destroyKey(state, command);
    case 'UpdateKeyAlias':
      return updateKeyAlias(state, command);
    case 'UpdateKeyDescription':
      return updateKeyDescription(state, command);
    case 'MoveKeyToEnterpriseProject':
      return moveKeyToEnterpriseProject(state, command);
    case 'EnableKeyRotation':
      return enableKeyRotation(state, command);
    case 'DisableKeyRotation':
      return disableKeyRotation(state, command);
    case 'UpdateKeyRotationInterval':
      return updateKeyRotationInterval(state, command);
    case 'RotateKey':
      return rotateKey(state, command);
    case 'CreateGrant':
      return createGrant(state, command);
    case 'RevokeGrant':
      return revokeGrant(state, command);
    case 'RetireGrant':
      return retireGrant(state, command);
    case 'AddKeyTag':
      return addKeyTag(state, command);
    case 'RemoveKeyTag':
      return removeKeyTag(state, command);
    case 'BatchKeyTags':
      return batchKeyTags(state, command);
    case 'IssueImportParameters':
      return issueImportParameters(state, command);
    case 'ImportKeyMaterial':
      return importKeyMaterial(state, command);
    case 'DeleteImportedKeyMaterial':
      return deleteImportedKeyMaterial(state, command);
    case 'SpendImportParameters':
      return spendImportParameters(state, command);
    default:
      return assertNever(command);
  }
}

// ---- crypto guard --------------------------------------------------------------------------

/** The key a crypto call may use (only Enabled keys do crypto), or the refusal of docs/api-decisions.md, "Status and error codes". */
export function requireUsableKey(state: Keyring, keyId: string): EnabledCmk {
  const k = liveKey(state, keyId);
  switch (k.status) {
    case 'Enabled':
      return k;
    case 'Disabled':
      throw new DewError('KMS.0209', `key ${k.keyId} is disabled`);
    case 'PendingImport':
      throw new DewError('KMS.0209', `key ${k.keyId} is pending import: key material must be imported first`);
    case 'PendingDeletion':
      throw new DewError('KMS.0210', `key ${k.keyId} is pending deletion`);
    default:
      return assertNever(k);
  }
}

/** The default master key of a service, if created: lets the service skip generating material. */
export function findDefaultKey(state: Keyring, service: string): LiveCmk | undefined {
  return findByAlias(state, defaultAliasOf(service));
}
