import { KpsQuotaReached, ServerIdTaken, ServerTaskInProgress } from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { validateHostKey } from '../rules/openssh.js';
import {
  SERVER_FIELD_NAMES,
  SERVER_QUOTA,
  checkedNewServerFields,
  checkedServerChanges,
  refusePasswordOffWindows,
  validateUuid,
} from '../rules/server-fields.js';
import { requireServer } from '../state/guards.js';
import type { KeypairSet, Server, ServerFields } from '../state/keypair-set.js';
import { liveTaskOfServer } from '../state/queries.js';
import type { ServerEvent, ServerHostKeyPinned } from './events.js';

type Defaulted = 'publicIp' | 'port' | 'loginUser' | 'sshdConfigPath' | 'sshdPidFile' | 'encryptedPassword';

/** A server of the caller's project; the service chose its id. Fields left out take their defaults. */
export interface RegisterServer extends Omit<ServerFields, Defaulted>, Partial<Pick<ServerFields, Defaulted>> {
  readonly type: 'RegisterServer';
  readonly projectId: string;
  readonly serverId: string;
  readonly hostKey?: string | null;
  readonly now: Instant;
}
/** The fields given are set; the others stay. */
export interface ChangeServer extends Partial<ServerFields> {
  readonly type: 'ChangeServer';
  readonly projectId: string;
  readonly serverId: string;
  readonly now: Instant;
}
export interface RemoveServer {
  readonly type: 'RemoveServer';
  readonly projectId: string;
  readonly serverId: string;
  readonly now: Instant;
}
/** null forgets the pinned key (the machine was reinstalled): the next key seen is trusted. */
export interface PinHostKey {
  readonly type: 'PinHostKey';
  readonly projectId: string;
  readonly serverId: string;
  readonly hostKey: string | null;
  readonly now: Instant;
}

export type ServerCommand = RegisterServer | ChangeServer | RemoveServer | PinHostKey;

function hostKeyOrNull(hostKey: string | null | undefined): string | null {
  return hostKey === undefined || hostKey === null ? null : validateHostKey(hostKey);
}

function registerServer(state: KeypairSet, cmd: RegisterServer): ServerEvent[] {
  const serverId = validateUuid('server_id', cmd.serverId);
  const fields = checkedNewServerFields(cmd);
  const hostKey = hostKeyOrNull(cmd.hostKey);
  refusePasswordOffWindows(fields);
  if (state.servers.has(serverId)) throw ServerIdTaken(serverId);
  const count = state.servers.size;
  if (count >= SERVER_QUOTA) throw KpsQuotaReached('servers', SERVER_QUOTA, count);
  return [{ type: 'ServerRegistered', serverId, projectId: cmd.projectId, ...fields, hostKey, at: cmd.now }];
}

function changeServer(state: KeypairSet, cmd: ChangeServer): ServerEvent[] {
  const checked = checkedServerChanges(cmd);
  const server = requireServer(state, cmd.projectId, cmd.serverId);
  refusePasswordOffWindows({ ...server, ...checked });
  const changed: Partial<Record<keyof ServerFields, unknown>> = {};
  for (const field of SERVER_FIELD_NAMES) if (field in checked && checked[field] !== server[field]) changed[field] = checked[field];
  if (Object.keys(changed).length === 0) return [];
  // Each value is one of `checked`'s.
  return [{ type: 'ServerChanged', serverId: server.id, ...(changed as Partial<ServerFields>), at: cmd.now }];
}

function removeServer(state: KeypairSet, cmd: RemoveServer): ServerEvent[] {
  const server = requireServer(state, cmd.projectId, cmd.serverId);
  const task = liveTaskOfServer(state, server.id);
  if (task) throw ServerTaskInProgress(server.id, task.id, task.status);
  return [{ type: 'ServerRemoved', serverId: server.id, name: server.name, at: cmd.now }];
}

/** The pin that makes `server`'s host key `hostKey`: none when it already is. */
export function hostKeyPinEvents(server: Server, hostKey: string | null, at: Instant): ServerHostKeyPinned[] {
  return server.hostKey === hostKey ? [] : [{ type: 'ServerHostKeyPinned', serverId: server.id, hostKey, at }];
}

function pinHostKey(state: KeypairSet, cmd: PinHostKey): ServerEvent[] {
  const hostKey = hostKeyOrNull(cmd.hostKey);
  const server = requireServer(state, cmd.projectId, cmd.serverId);
  return hostKeyPinEvents(server, hostKey, cmd.now);
}

export function decideServers(state: KeypairSet, command: ServerCommand): readonly ServerEvent[] {
  switch (command.type) {
    case 'RegisterServer':
      return registerServer(state, command);
    case 'ChangeServer':
      return changeServer(state, command);
    case 'RemoveServer':
      return removeServer(state, command);
    case 'PinHostKey':
      return pinHostKey(state, command);
    default:
      return assertNever(command);
  }
}
