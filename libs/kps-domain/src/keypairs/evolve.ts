import { assertNever } from '@dew/decider';
import { changeKeypair, changeServer, keypairKey, unbound, withKeypair, withoutKeypair, type Keypair, type KeypairSet } from '../state/keypair-set.js';
import { findKeypairById } from '../state/queries.js';
import type { KeypairCreated, KeypairDeleted, KeypairEvent, KeypairImported } from './events.js';

function addKeypair(state: KeypairSet, e: KeypairCreated | KeypairImported): KeypairSet {
  const pair: Keypair = {
    id: e.keypairId,
    name: e.name,
    scope: e.scope,
    userId: e.userId,
    type: e.keypairType,
    algorithm: e.algorithm,
    publicKey: e.publicKey,
    fingerprint: e.fingerprint,
    fingerprintSha256: e.fingerprintSha256,
    imported: e.type === 'KeypairImported',
    privateKey: e.privateKey,
    description: e.description,
    createdAt: e.at,
    updatedAt: e.at,
  };
  // A replayed duplicate (same key, or an id already used) changes nothing.
  if (state.keypairs.has(keypairKey(pair)) || findKeypairById(state, pair.id)) return state;
  return withKeypair(state, pair);
}

/** The pair goes; servers bound to it keep their line but no longer name it. */
function deleteKeypair(state: KeypairSet, e: KeypairDeleted): KeypairSet {
  const pair = findKeypairById(state, e.keypairId);
  if (!pair) return state;
  return e.unboundServerIds.reduce(
    (s, serverId) => changeServer(s, serverId, (server) => (server.keypairId === pair.id ? unbound(server, e.at) : server)),
    withoutKeypair(state, pair),
  );
}

export function evolveKeypairs(state: KeypairSet, event: KeypairEvent): KeypairSet {
  switch (event.type) {
    case 'KeypairCreated':
    case 'KeypairImported':
      return addKeypair(state, event);
    case 'KeypairDescriptionUpdated':
      return changeKeypair(state, event.keypairId, (p) => ({ ...p, description: event.description, updatedAt: event.at }));
    case 'KeypairScopeUpgraded':
      return changeKeypair(state, event.keypairId, (p) => ({ ...p, scope: 'domain', updatedAt: event.at }));
    case 'PrivateKeyImported':
      return changeKeypair(state, event.keypairId, (p) => ({ ...p, privateKey: event.privateKey, updatedAt: event.at }));
    case 'PrivateKeyCleared':
      return changeKeypair(state, event.keypairId, (p) => ({ ...p, privateKey: null, updatedAt: event.at }));
    case 'KeypairDeleted':
      return deleteKeypair(state, event);
    default:
      return assertNever(event);
  }
}
