/** Permanent access keys: at most two per user, only for enabled users, administrators' only by administrators. */
import type { Instant } from '@dew/decider';
import { AccessKeyExists, AccessKeyForDisabledUser, AccessKeyNotFound, AccessKeyQuotaReached, AccessKeyStatusInvalid } from '@dew/contracts';
import { ACCESS_KEYS_PER_USER, checkAccessKey, checkDescription, checkWrappedSecret, shown } from '../fields/limits.js';
import type { AccessKey, AccessKeyStatus, ActiveAccount } from '../state/account.state.js';
import { checkMayChangeUser } from '../state/administrators.js';
import { existingUser } from '../state/lookups.js';
import { assertNever } from '../state/records.js';
import type { AccessKeyCreated, AccessKeyEvent, AccessKeySecretRewrapped } from './events.js';

export interface CreateAccessKey {
  readonly type: 'CreateAccessKey';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly userId: string;
  readonly wrappedSecret: string;
  readonly description?: string;
  readonly now: Instant;
}
export interface SetAccessKeyStatus {
  readonly type: 'SetAccessKeyStatus';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly status: AccessKeyStatus;
  readonly now: Instant;
}
/** UpdatePermanentAccessKey's `description` (≤255); unchanged → no events. */
export interface SetAccessKeyDescription {
  readonly type: 'SetAccessKeyDescription';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly description: string;
  readonly now: Instant;
}
export interface DeleteAccessKey {
  readonly type: 'DeleteAccessKey';
  /** Who acts (the caller's user id): an administrator's user and keys change only by an administrator's hand. */
  readonly actorId: string;
  readonly accessKey: string;
  readonly now: Instant;
}

export type AccessKeyCommand = CreateAccessKey | SetAccessKeyStatus | SetAccessKeyDescription | DeleteAccessKey;

export function decideAccessKey(state: ActiveAccount, command: AccessKeyCommand): readonly AccessKeyEvent[] {
  switch (command.type) {
    case 'CreateAccessKey':
      return createAccessKey(state, command);
    case 'SetAccessKeyStatus':
      return setAccessKeyStatus(state, command);
    case 'SetAccessKeyDescription':
      return setAccessKeyDescription(state, command);
    case 'DeleteAccessKey':
      return deleteAccessKey(state, command);
    default:
      return assertNever(command);
  }
}

export function createAccessKey(state: ActiveAccount, c: CreateAccessKey): readonly AccessKeyCreated[] {
  checkAccessKey(c.accessKey);
  checkWrappedSecret(c.wrappedSecret);
  const description = c.description ?? '';
  checkDescription(description);
  const user = existingUser(state, c.userId);
  checkMayChangeUser(state, c.actorId, user, 'create an access key for');
  // DEW decision: no new key for a disabled user (IAM.0001; see the report to the lead).
  if (!user.enabled) throw AccessKeyForDisabledUser(user.id);
  const held = state.accessKeysByUser.get(user.id)?.size ?? 0;
  if (held >= ACCESS_KEYS_PER_USER) throw AccessKeyQuotaReached(user.id, held, ACCESS_KEYS_PER_USER);
  if (state.accessKeys.get(c.accessKey) !== undefined) throw AccessKeyExists(c.accessKey);
  return [{ type: 'AccessKeyCreated', accessKey: c.accessKey, userId: user.id, wrappedSecret: c.wrappedSecret, description, at: c.now }];
}

/** Root-key migration: the key's SK under its new wrapping; a key that is gone needs none. */
export interface RewrapAccessKeySecret {
  readonly accessKey: string;
  readonly wrappedSecret: string;
  readonly now: Instant;
}

export function rewrapAccessKeySecret(state: ActiveAccount, c: RewrapAccessKeySecret): readonly AccessKeySecretRewrapped[] {
  checkAccessKey(c.accessKey);
  checkWrappedSecret(c.wrappedSecret);
  const key = state.accessKeys.get(c.accessKey);
  if (key === undefined) throw AccessKeyNotFound(c.accessKey);
  return key.wrappedSecret === c.wrappedSecret ? [] : [{ type: 'AccessKeySecretRewrapped', accessKey: c.accessKey, wrappedSecret: c.wrappedSecret, at: c.now }];
}

/** The key a change names, once the actor may change its owner's keys. */
function changeableAccessKey(state: ActiveAccount, c: SetAccessKeyStatus | SetAccessKeyDescription | DeleteAccessKey): AccessKey {
  checkAccessKey(c.accessKey);
  const key = state.accessKeys.get(c.accessKey);
  if (key === undefined) throw AccessKeyNotFound(c.accessKey);
  checkMayChangeUser(state, c.actorId, existingUser(state, key.userId), 'change or delete an access key of');
  return key;
}

function setAccessKeyStatus(state: ActiveAccount, c: SetAccessKeyStatus): readonly AccessKeyEvent[] {
  const key = changeableAccessKey(state, c);
  if (c.status !== 'active' && c.status !== 'inactive') throw AccessKeyStatusInvalid(shown(c.status));
  if (key.status === c.status) return [];
  return [{ type: 'AccessKeyStatusChanged', accessKey: c.accessKey, status: c.status, at: c.now }];
}

function setAccessKeyDescription(state: ActiveAccount, c: SetAccessKeyDescription): readonly AccessKeyEvent[] {
  const key = changeableAccessKey(state, c);
  checkDescription(c.description);
  if (key.description === c.description) return [];
  return [{ type: 'AccessKeyDescriptionChanged', accessKey: key.accessKey, description: c.description, at: c.now }];
}

function deleteAccessKey(state: ActiveAccount, c: DeleteAccessKey): readonly AccessKeyEvent[] {
  changeableAccessKey(state, c);
  return [{ type: 'AccessKeyDeleted', accessKey: c.accessKey, at: c.now }];
}
