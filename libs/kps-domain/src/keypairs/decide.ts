import {
  KeypairAlreadyAccountScoped,
  KeypairInUseByTask,
  KeypairNameTaken,
  KpsQuotaReached,
  NoHostedPrivateKey,
  PrivateKeyAlreadyHosted,
} from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import {
  KEYPAIR_QUOTA,
  validateAlgorithm,
  validateFingerprint,
  validateFingerprintSha256,
  validateHostedPrivateKey,
  validateKeypairDescription,
  validateKeypairName,
  validateKeypairScope,
  validateKeypairType,
  validateUserId,
} from '../rules/keypair-fields.js';
import { validatePublicKey } from '../rules/openssh.js';
import { checkedBoolean } from '../rules/text.js';
import { requireVisibleKeypair } from '../state/guards.js';
import type { HostedPrivateKey, Keypair, KeypairScope, KeypairSet, KeypairType } from '../state/keypair-set.js';
import { keypairCount, keypairsNamed, liveTaskUsing, serversBoundTo } from '../state/queries.js';
import type { KeypairEvent } from './events.js';

/** Generated or imported: the service made the key and its fingerprints, and sealed any private key. */
export interface CreateKeypair {
  readonly type: 'CreateKeypair';
  /** The caller: creator, and owner of a user-scoped pair. */
  readonly userId: string;
  readonly name: string;
  readonly scope: KeypairScope;
  readonly keypairType: KeypairType;
  readonly algorithm: string;
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly fingerprintSha256: string;
  readonly imported: boolean;
  readonly privateKey: HostedPrivateKey | null;
  readonly description?: string;
  readonly now: Instant;
}

/** A command on an existing pair names it as the caller sees it (findVisibleKeypair). */
interface OnVisibleKeypair {
  readonly userId: string;
  readonly name: string;
  readonly now: Instant;
}
export interface UpdateKeypairDescription extends OnVisibleKeypair {
  readonly type: 'UpdateKeypairDescription';
  readonly description: string;
}
export interface UpgradeKeypairScope extends OnVisibleKeypair {
  readonly type: 'UpgradeKeypairScope';
}
/** PUT keypairs/{name}: the description and the upgrade decided together, so a refused upgrade changes no description. */
export interface UpdateKeypair extends OnVisibleKeypair {
  readonly type: 'UpdateKeypair';
  readonly description?: string;
  readonly upgradeScope: boolean;
}
export interface ImportPrivateKey extends OnVisibleKeypair {
  readonly type: 'ImportPrivateKey';
  readonly privateKey: HostedPrivateKey;
}
export interface ClearPrivateKey extends OnVisibleKeypair {
  readonly type: 'ClearPrivateKey';
}
export interface DeleteKeypair extends OnVisibleKeypair {
  readonly type: 'DeleteKeypair';
}

export type KeypairCommand = CreateKeypair | UpdateKeypair | UpdateKeypairDescription | UpgradeKeypairScope | ImportPrivateKey | ClearPrivateKey | DeleteKeypair;

/**
 * A name must mean one pair to every user who can see it: an account-scoped pair is seen by all
 * users, a user-scoped one by its owner only. So two pairs of one name clash unless both are
 * user-scoped pairs of different users. `except` is the pair being re-scoped.
 */
function refuseNameClash(state: KeypairSet, name: string, scope: KeypairScope, userId: string, except?: Keypair): void {
  for (const other of keypairsNamed(state, name)) {
    if (other === except) continue;
    if (other.scope === 'domain') throw KeypairNameTaken(name, 'an account-scoped key pair');
    if (other.userId === userId) throw KeypairNameTaken(name, 'your user-scoped key pair');
    if (scope === 'domain') throw KeypairNameTaken(name, 'a user-scoped key pair of another user');
  }
}

function createKeypair(state: KeypairSet, cmd: CreateKeypair): KeypairEvent[] {
  const fields = {
    name: validateKeypairName(cmd.name),
    scope: validateKeypairScope(cmd.scope),
    userId: validateUserId(cmd.userId),
    keypairType: validateKeypairType(cmd.keypairType),
    algorithm: validateAlgorithm(cmd.algorithm),
    publicKey: validatePublicKey(cmd.publicKey),
    fingerprint: validateFingerprint(cmd.fingerprint),
    fingerprintSha256: validateFingerprintSha256(cmd.fingerprintSha256),
    privateKey: cmd.privateKey === null ? null : validateHostedPrivateKey(cmd.privateKey),
    description: validateKeypairDescription(cmd.description ?? ''),
  };
  const imported = checkedBoolean('imported', cmd.imported);
  refuseNameClash(state, fields.name, fields.scope, fields.userId);
  const count = keypairCount(state);
  if (count >= KEYPAIR_QUOTA) throw KpsQuotaReached('key pairs', KEYPAIR_QUOTA, count);
  const keypairId = state.lastKeypairNumber + 1;
  return [{ type: imported ? 'KeypairImported' : 'KeypairCreated', keypairId, ...fields, at: cmd.now }];
}

function updateDescription(state: KeypairSet, cmd: UpdateKeypairDescription): KeypairEvent[] {
  const description = validateKeypairDescription(cmd.description);
  const pair = requireVisibleKeypair(state, cmd.userId, cmd.name);
  if (description === pair.description) return [];
  return [{ type: 'KeypairDescriptionUpdated', keypairId: pair.id, name: pair.name, description, at: cmd.now }];
}

function upgradeScope(state: KeypairSet, cmd: UpgradeKeypairScope): KeypairEvent[] {
  const pair = requireVisibleKeypair(state, cmd.userId, cmd.name);
  if (pair.scope === 'domain') throw KeypairAlreadyAccountScoped(pair.name);
  refuseNameClash(state, pair.name, 'domain', pair.userId, pair);
  return [{ type: 'KeypairScopeUpgraded', keypairId: pair.id, name: pair.name, at: cmd.now }];
}

function updateKeypair(state: KeypairSet, cmd: UpdateKeypair): KeypairEvent[] {
  const { userId, name, now } = cmd;
  const described = cmd.description === undefined ? [] : updateDescription(state, { type: 'UpdateKeypairDescription', userId, name, now, description: cmd.description });
  return [...described, ...(cmd.upgradeScope ? upgradeScope(state, { type: 'UpgradeKeypairScope', userId, name, now }) : [])];
}

function importPrivateKey(state: KeypairSet, cmd: ImportPrivateKey): KeypairEvent[] {
  const privateKey = validateHostedPrivateKey(cmd.privateKey);
  const pair = requireVisibleKeypair(state, cmd.userId, cmd.name);
  if (pair.privateKey) throw PrivateKeyAlreadyHosted(pair.name);
  return [{ type: 'PrivateKeyImported', keypairId: pair.id, name: pair.name, privateKey, at: cmd.now }];
}

/** A READY reset logs in with the hosted key once its server runs: cleared under it, the task could never run nor end. */
function clearPrivateKey(state: KeypairSet, cmd: ClearPrivateKey): KeypairEvent[] {
  const pair = requireVisibleKeypair(state, cmd.userId, cmd.name);
  if (!pair.privateKey) throw NoHostedPrivateKey(pair.name, 'clearing it');
  const task = liveTaskUsing(state, pair.id);
  if (task) throw KeypairInUseByTask(pair.name, task.id, task.status);
  return [{ type: 'PrivateKeyCleared', keypairId: pair.id, name: pair.name, owner: pair.privateKey.owner, at: cmd.now }];
}

function deleteKeypair(state: KeypairSet, cmd: DeleteKeypair): KeypairEvent[] {
  const pair = requireVisibleKeypair(state, cmd.userId, cmd.name);
  const task = liveTaskUsing(state, pair.id);
  if (task) throw KeypairInUseByTask(pair.name, task.id, task.status);
  const unboundServerIds = serversBoundTo(state, pair.id)
    .map((s) => s.id)
    .sort();
  const privateKeyOwner = pair.privateKey?.owner ?? null;
  return [{ type: 'KeypairDeleted', keypairId: pair.id, name: pair.name, privateKeyOwner, unboundServerIds, at: cmd.now }];
}

export function decideKeypairs(state: KeypairSet, command: KeypairCommand): readonly KeypairEvent[] {
  switch (command.type) {
    case 'CreateKeypair':
      return createKeypair(state, command);
    case 'UpdateKeypair':
      return updateKeypair(state, command);
    case 'UpdateKeypairDescription':
      return updateDescription(state, command);
    case 'UpgradeKeypairScope':
      return upgradeScope(state, command);
    case 'ImportPrivateKey':
      return importPrivateKey(state, command);
    case 'ClearPrivateKey':
      return clearPrivateKey(state, command);
    case 'DeleteKeypair':
      return deleteKeypair(state, command);
    default:
      return assertNever(command);
  }
}
