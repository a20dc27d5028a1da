import {
  AliasTaken,
  EnableRefusedPendingDeletion,
  EnableRefusedPendingImport,
  KeyAlreadyPendingDeletion,
  KeyNotDisabled,
  KeyNotEnabled,
  KeyNotFound,
  KeyNotPendingDeletion,
  KeyPendingDeletion,
} from '@dew/contracts';
import { validateAlias, validateDescription, validateEnterpriseProjectId, validatePendingDays } from '../rules.js';
import { assertNever } from '@dew/decider';
import { liveKey, refuseDefault, refusePendingDeletion } from '../state/guards.js';
import { DAY_MS, type Keyring } from '../state/keyring.state.js';
import { findByAlias } from '../state/queries.js';
import type {
  CancelKeyDeletion,
  DestroyKey,
  DisableKey,
  EnableKey,
  LifecycleCommand,
  MoveKeyToEnterpriseProject,
  ScheduleKeyDeletion,
  UpdateKeyAlias,
  UpdateKeyDescription,
} from './commands.js';
import { createKey, ensureDefaultKey } from './create-key.js';
import type {
  KeyAliasChanged,
  KeyDeletionCancelled,
  KeyDeletionScheduled,
  KeyDescriptionChanged,
  KeyDestroyed,
  KeyDisabled,
  KeyEnabled,
  KeyEnterpriseProjectChanged,
  LifecycleEvent,
} from './events.js';

export function decideLifecycle(state: Keyring, command: LifecycleCommand): readonly LifecycleEvent[] {
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
    default:
      return assertNever(command);
  }
}

function enableKey(state: Keyring, cmd: EnableKey): KeyEnabled[] {
  const k = liveKey(state, cmd.keyId);
  switch (k.status) {
    case 'Disabled':
      return [{ type: 'KeyEnabled', keyId: k.keyId, at: cmd.now }];
    case 'Enabled':
      throw KeyNotDisabled(k.keyId);
    case 'PendingDeletion':
      throw EnableRefusedPendingDeletion(k.keyId);
    case 'PendingImport':
      throw EnableRefusedPendingImport(k.keyId);
    default:
      return assertNever(k);
  }
}

function disableKey(state: Keyring, cmd: DisableKey): KeyDisabled[] {
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'disable');
  switch (k.status) {
    case 'Enabled':
      return [{ type: 'KeyDisabled', keyId: k.keyId, at: cmd.now }];
    case 'PendingDeletion':
      throw KeyPendingDeletion(k.keyId, 'disable');
    case 'Disabled':
      throw KeyNotEnabled(k.keyId, 'already disabled');
    case 'PendingImport':
      throw KeyNotEnabled(k.keyId, 'pending import');
    default:
      return assertNever(k);
  }
}

function scheduleKeyDeletion(state: Keyring, cmd: ScheduleKeyDeletion): KeyDeletionScheduled[] {
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
      throw KeyAlreadyPendingDeletion(k.keyId);
    default:
      return assertNever(k);
  }
}

function cancelKeyDeletion(state: Keyring, cmd: CancelKeyDeletion): KeyDeletionCancelled[] {
  const k = liveKey(state, cmd.keyId);
  if (k.status !== 'PendingDeletion') throw KeyNotPendingDeletion(k.keyId);
  return [
    { type: 'KeyDeletionCancelled', keyId: k.keyId, restoredTo: k.hadMaterial ? 'Disabled' : 'PendingImport', at: cmd.now },
  ];
}

/** Idempotent: a key cancelled meanwhile, not yet due, or already destroyed yields no event. */
function destroyKey(state: Keyring, cmd: DestroyKey): KeyDestroyed[] {
  const k = state.keys.get(cmd.keyId);
  if (!k) throw KeyNotFound(cmd.keyId);
  if (k.status !== 'PendingDeletion' || cmd.now < k.deleteAt) return [];
  return [{ type: 'KeyDestroyed', keyId: k.keyId, at: cmd.now }];
}

function updateKeyAlias(state: Keyring, cmd: UpdateKeyAlias): KeyAliasChanged[] {
  const alias = validateAlias(cmd.alias);
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'changing the alias');
  refusePendingDeletion(k, 'changing the alias');
  if (k.alias === alias) return [];
  const holder = findByAlias(state, alias);
  if (holder) throw AliasTaken(alias, holder.keyId);
  return [{ type: 'KeyAliasChanged', keyId: k.keyId, alias, previousAlias: k.alias, at: cmd.now }];
}

function updateKeyDescription(state: Keyring, cmd: UpdateKeyDescription): KeyDescriptionChanged[] {
  const description = validateDescription(cmd.description);
  const k = liveKey(state, cmd.keyId);
  refuseDefault(k, 'changing the description');
  refusePendingDeletion(k, 'changing the description');
  if (k.description === description) return [];
  return [{ type: 'KeyDescriptionChanged', keyId: k.keyId, description, at: cmd.now }];
}

function moveKeyToEnterpriseProject(state: Keyring, cmd: MoveKeyToEnterpriseProject): KeyEnterpriseProjectChanged[] {
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
