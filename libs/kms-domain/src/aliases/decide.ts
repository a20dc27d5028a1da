import type { Instant } from '@dew/decider';
import { AliasNotFound, AliasNotOfKey, AliasQuotaReached, KeyAliasTaken, FieldOutOfRange } from '@dew/contracts';
import { assertNever } from '@dew/decider';
import { liveKey, refuseDefault, refusePendingDeletion } from '../state/guards.js';
import type { Keyring, LiveCmk } from '../state/keyring.state.js';
import type { AliasAssociated, AliasCreated, AliasDeleted, AliasEvent } from './events.js';
import { ALIASES_PER_KEY_MAX, ALIASES_PER_PROJECT_MAX, validateAliasName } from './names.js';
import { aliasesOfKey } from './queries.js';

export interface CreateAlias {
  readonly type: 'CreateAlias';
  readonly keyId: string;
  readonly alias: string;
  readonly now: Instant;
}
export interface AssociateAlias {
  readonly type: 'AssociateAlias';
  readonly alias: string;
  readonly targetKeyId: string;
  readonly now: Instant;
}
export interface DeleteAliases {
  readonly type: 'DeleteAliases';
  readonly keyId: string;
  readonly aliases: readonly string[];
  readonly now: Instant;
}

export type AliasCommand = CreateAlias | AssociateAlias | DeleteAliases;

export function decideAliases(state: Keyring, command: AliasCommand): readonly AliasEvent[] {
  switch (command.type) {
    case 'CreateAlias':
      return [createAlias(state, command)];
    case 'AssociateAlias':
      return associateAlias(state, command);
    case 'DeleteAliases':
      return [deleteAliases(state, command)];
    default:
      return assertNever(command);
  }
}

/**
 * A key an alias may name: a live key of this project, not a default master key (they refuse
 * every management change, SPEC K3) and not pending deletion (KMS.0210). Disabled keys and keys
 * awaiting imported material may carry aliases: the crypto call through the alias then answers
 * the key's own state refusal.
 */
function aliasableKey(state: Keyring, keyId: string, operation: string): LiveCmk {
  const k = liveKey(state, keyId);
  refuseDefault(k, operation);
  refusePendingDeletion(k, operation);
  return k;
}

function refuseFullKey(state: Keyring, keyId: string): void {
  const held = aliasesOfKey(state, keyId).length;
  if (held >= ALIASES_PER_KEY_MAX) throw AliasQuotaReached(`key (key ${keyId})`, ALIASES_PER_KEY_MAX, held);
}

function createAlias(state: Keyring, cmd: CreateAlias): AliasCreated {
  const alias = validateAliasName(cmd.alias);
  const k = aliasableKey(state, cmd.keyId, 'creating an alias');
  const holder = state.keyAliases.get(alias);
  if (holder) throw KeyAliasTaken(alias, holder.keyId);
  if (state.keyAliases.size >= ALIASES_PER_PROJECT_MAX) throw AliasQuotaReached('project', ALIASES_PER_PROJECT_MAX, state.keyAliases.size);
  refuseFullKey(state, k.keyId);
  return { type: 'AliasCreated', alias, keyId: k.keyId, at: cmd.now };
}

/** Moving an alias to the key it already names changes nothing. */
function associateAlias(state: Keyring, cmd: AssociateAlias): AliasAssociated[] {
  const alias = validateAliasName(cmd.alias);
  const entry = state.keyAliases.get(alias);
  if (!entry) throw AliasNotFound(alias);
  const target = aliasableKey(state, cmd.targetKeyId, 'associating an alias');
  if (entry.keyId === target.keyId) return [];
  refuseFullKey(state, target.keyId);
  return [{ type: 'AliasAssociated', alias, keyId: target.keyId, previousKeyId: entry.keyId, at: cmd.now }];
}

/** All or nothing: every listed alias must name `keyId`. */
function deleteAliases(state: Keyring, cmd: DeleteAliases): AliasDeleted {
  if (cmd.aliases.length < 1 || cmd.aliases.length > ALIASES_PER_KEY_MAX) {
    throw FieldOutOfRange('number of aliases', 1, ALIASES_PER_KEY_MAX, cmd.aliases.length);
  }
  const k = liveKey(state, cmd.keyId);
  const aliases = [...new Set(cmd.aliases.map(validateAliasName))];
  for (const alias of aliases) {
    if (state.keyAliases.get(alias)?.keyId !== k.keyId) throw AliasNotOfKey(alias, k.keyId);
  }
  return { type: 'AliasDeleted', keyId: k.keyId, aliases, at: cmd.now };
}
