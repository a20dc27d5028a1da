import { assertNever } from '@dew/decider';
import { changeServer, withServer, withoutTasks, type KeypairSet, type Server } from '../state/keypair-set.js';
import type { ServerEvent, ServerRegistered } from './events.js';

function addServer(state: KeypairSet, e: ServerRegistered): KeypairSet {
  if (state.servers.has(e.serverId)) return state;
  const { type: _eventType, serverId, at, ...fields } = e;
  const server: Server = { id: serverId, ...fields, keypairName: null, keypairId: null, createdAt: at, updatedAt: at };
  return withServer(state, server);
}

/** The server and every task record of it go (it had no live task). */
function removeServer(state: KeypairSet, serverId: string): KeypairSet {
  if (!state.servers.has(serverId)) return state;
  const servers = new Map(state.servers);
  servers.delete(serverId);
  const taskIds = [...state.tasks.values()].filter((t) => t.serverId === serverId).map((t) => t.id);
  return withoutTasks({ ...state, servers }, taskIds);
}

export function evolveServers(state: KeypairSet, event: ServerEvent): KeypairSet {
  switch (event.type) {
    case 'ServerRegistered':
      return addServer(state, event);
    case 'ServerChanged': {
      const { type: _eventType, serverId, at, ...changes } = event;
      return changeServer(state, serverId, (s) => ({ ...s, ...changes, updatedAt: at }));
    }
    case 'ServerRemoved':
      return removeServer(state, event.serverId);
    case 'ServerHostKeyPinned':
      return changeServer(state, event.serverId, (s) => ({ ...s, hostKey: event.hostKey, updatedAt: event.at }));
    default:
      return assertNever(event);
  }
}
