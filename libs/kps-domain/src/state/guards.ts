import { BindTaskNotFound, KeypairNotFound, ServerNotFound } from '@dew/contracts';
import type { Keypair, KeypairSet, Server, Task } from './keypair-set.js';
import { findServer, findTask, findVisibleKeypair } from './queries.js';

/** The 404 refusals shared by commands (KPS.0404). */

export function requireVisibleKeypair(state: KeypairSet, userId: string, name: string): Keypair {
  const pair = findVisibleKeypair(state, userId, name);
  if (!pair) throw KeypairNotFound(name);
  return pair;
}

export function requireServer(state: KeypairSet, projectId: string, serverId: string): Server {
  const server = findServer(state, projectId, serverId);
  if (!server) throw ServerNotFound(serverId);
  return server;
}

export function requireTask(state: KeypairSet, taskId: string): Task {
  const task = findTask(state, taskId);
  if (!task) throw BindTaskNotFound(taskId);
  return task;
}
