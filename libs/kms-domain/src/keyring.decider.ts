import type { Decider } from '@dew/decider';
import type { AliasEvent } from './aliases/events.js';
import { decideAliases, type AliasCommand } from './aliases/decide.js';
import { evolveAliases } from './aliases/evolve.js';
import type { GrantEvent } from './grants/events.js';
import { decideGrants, type GrantCommand } from './grants/decide.js';
import { evolveGrants } from './grants/evolve.js';
import type { ImportEvent } from './import/events.js';
import { decideImport, type ImportCommand } from './import/decide.js';
import { evolveImport } from './import/evolve.js';
import type { LifecycleCommand } from './lifecycle/commands.js';
import { decideLifecycle } from './lifecycle/decide.js';
import type { LifecycleEvent } from './lifecycle/events.js';
import { evolveLifecycle } from './lifecycle/evolve.js';
import type { RotationEvent } from './rotation/events.js';
import { decideRotation, type RotationCommand } from './rotation/decide.js';
import { evolveRotation } from './rotation/evolve.js';
import { assertNever } from '@dew/decider';
import type { KeyPolicyEvent } from './key-policies/events.js';
import { decideKeyPolicies, type KeyPolicyCommand } from './key-policies/decide.js';
import { evolveKeyPolicies } from './key-policies/evolve.js';
import { initialKeyring, type Keyring } from './state/keyring.state.js';
import type { KeyStoreEvent } from './key-stores/events.js';
import { decideKeyStores, type KeyStoreCommand } from './key-stores/decide.js';
import { evolveKeyStores } from './key-stores/evolve.js';
import type { TagEvent } from './tags/events.js';
import { decideTags, type TagCommand } from './tags/decide.js';
import { evolveTags } from './tags/evolve.js';

/** The keyring aggregate (docs/architecture.md, "Domain code"): every feature's events and commands. */
export type KeyringEvent = LifecycleEvent | RotationEvent | GrantEvent | TagEvent | ImportEvent | AliasEvent | KeyPolicyEvent | KeyStoreEvent;
export type KeyringCommand = LifecycleCommand | RotationCommand | GrantCommand | TagCommand | ImportCommand | AliasCommand | KeyPolicyCommand | KeyStoreCommand;

/** Applies one event by handing it to the feature that owns its type. */
export function evolve(state: Keyring, event: KeyringEvent): Keyring {
  switch (event.type) {
    case 'KeyCreated':
    case 'KeyEnabled':
    case 'KeyDisabled':
    case 'KeyDeletionScheduled':
    case 'KeyDeletionCancelled':
    case 'KeyDestroyed':
    case 'KeyAliasChanged':
    case 'KeyDescriptionChanged':
    case 'KeyEnterpriseProjectChanged':
      return evolveLifecycle(state, event);
    case 'KeyRotationEnabled':
    case 'KeyRotationDisabled':
    case 'KeyRotationIntervalChanged':
    case 'KeyRotated':
      return evolveRotation(state, event);
    case 'GrantCreated':
    case 'GrantRevoked':
    case 'GrantRetired':
      return evolveGrants(state, event);
    case 'KeyTagsChanged':
      return evolveTags(state, event);
    case 'ImportParametersIssued':
    case 'ImportParametersSpent':
    case 'KeyMaterialImported':
    case 'KeyMaterialDeleted':
      return evolveImport(state, event);
    case 'AliasCreated':
    case 'AliasAssociated':
    case 'AliasDeleted':
      return evolveAliases(state, event);
    case 'KeyPolicyCreated':
    case 'KeyPolicyUpdated':
    case 'KeyPolicyDeleted':
      return evolveKeyPolicies(state, event);
    case 'KeyStoreCreated':
    case 'KeyStoreEnabled':
    case 'KeyStoreDisabled':
    case 'KeyStoreDeleted':
      return evolveKeyStores(state, event);
    default:
      return assertNever(event);
  }
}

/** Decides one command by handing it to the feature that owns its type. */
export function decide(state: Keyring, command: KeyringCommand): readonly KeyringEvent[] {
  switch (command.type) {
    case 'CreateKey':
    case 'EnsureDefaultKey':
    case 'EnableKey':
    case 'DisableKey':
    case 'ScheduleKeyDeletion':
    case 'CancelKeyDeletion':
    case 'DestroyKey':
    case 'UpdateKeyAlias':
    case 'UpdateKeyDescription':
    case 'MoveKeyToEnterpriseProject':
      return decideLifecycle(state, command);
    case 'EnableKeyRotation':
    case 'DisableKeyRotation':
    case 'UpdateKeyRotationInterval':
    case 'RotateKey':
      return decideRotation(state, command);
    case 'CreateGrant':
    case 'RevokeGrant':
    case 'RetireGrant':
      return decideGrants(state, command);
    case 'AddKeyTag':
    case 'RemoveKeyTag':
    case 'BatchKeyTags':
      return decideTags(state, command);
    case 'IssueImportParameters':
    case 'ImportKeyMaterial':
    case 'DeleteImportedKeyMaterial':
    case 'SpendImportParameters':
      return decideImport(state, command);
    case 'CreateAlias':
    case 'AssociateAlias':
    case 'DeleteAliases':
      return decideAliases(state, command);
    case 'CreateKeyPolicy':
    case 'UpdateKeyPolicy':
    case 'DeleteKeyPolicy':
      return decideKeyPolicies(state, command);
    case 'CreateKeyStore':
    case 'EnableKeyStore':
    case 'DisableKeyStore':
    case 'DeleteKeyStore':
      return decideKeyStores(state, command);
    default:
      return assertNever(command);
  }
}

/**
 * The keyring as one decider value. A keyring belongs to a project (its subject), so services
 * start each one from `initialKeyring(projectId)`; this value starts from a keyring of no project,
 * which decides and evolves the same way.
 */
export const keyringDecider: Decider<KeyringCommand, KeyringEvent, Keyring> = {
  initialState: initialKeyring(''),
  evolve,
  decide,
};
