import type { Keypair, KeypairSet, Server, Task } from './keypair-set.js';
import { userKeypairKey } from './keypair-set.js';

/** Reads of the key-pair set shared by every feature. */

/**
 * The pair `name` means to user `userId`: the user's own user-scoped pair of that name, else the
 * account-scoped one. Both lookups check what they found, so a name holding `@` cannot reach
 * another user's pair through its map key.
 */
export function findVisibleKeypair(state: KeypairSet, userId: string, name: string): Keypair | undefined {
  const own = state.keypairs.get(userKeypairKey(name, userId));
  if (own && own.scope === 'user' && own.userId === userId && own.name === name) return own;
  const shared = state.keypairs.get(name);
  return shared && shared.scope === 'domain' ? shared : undefined;
}

/**
 * The pair bound to `server` when user `userId` can see it: the very pair bound, not another one
 * of the same name. A task or a read that would use its private key for the caller needs this.
 */
export function boundKeypairSeenBy(state: KeypairSet, userId: string, server: Server): Keypair | undefined {
  if (server.keypairId === null || server.keypairName === null) return undefined;
  const pair = findVisibleKeypair(state, userId, server.keypairName);
  return pair?.id === server.keypairId ? pair : undefined;
}

/** Every pair called `name`, whatever its scope and owner. */
export function keypairsNamed(state: KeypairSet, name: string): Keypair[] {
  return [...state.keypairs.values()].filter((pair) => pair.name === name);
}

export function findKeypairById(state: KeypairSet, keypairId: number): Keypair | undefined {
  for (const pair of state.keypairs.values()) if (pair.id === keypairId) return pair;
  return undefined;
}

/** What the key pair quota counts. */
export function keypairCount(state: KeypairSet): number {
  return state.keypairs.size;
}

/** A server of the project; a server of another project is not there. */
export function findServer(state: KeypairSet, projectId: string, serverId: string): Server | undefined {
  const server = state.servers.get(serverId);
  return server && server.projectId === projectId ? server : undefined;
}

export function serversBoundTo(state: KeypairSet, keypairId: number): Server[] {
  return [...state.servers.values()].filter((s) => s.keypairId === keypairId);
}

export function boundServerCount(state: KeypairSet, keypairId: number): number {
  return serversBoundTo(state, keypairId).length;
}

export function findTask(state: KeypairSet, taskId: string): Task | undefined {
  return state.tasks.get(taskId);
}

/** READY or RUNNING: a task that will still change its server. */
export function isLive(task: Task): boolean {
  return task.status === 'READY' || task.status === 'RUNNING';
}

export function liveTaskOfServer(state: KeypairSet, serverId: string): Task | undefined {
  for (const task of state.tasks.values()) if (task.serverId === serverId && isLive(task)) return task;
  return undefined;
}

/**
 * A live task that needs the pair: one binding or unbinding it, or one on a server bound to it
 * (a REPLACE logs in with that pair's key, and a READY task will use its hosted private key).
 */
export function liveTaskUsing(state: KeypairSet, keypairId: number): Task | undefined {
  for (const task of state.tasks.values()) {
    if (!isLive(task)) continue;
    if (task.keypairId === keypairId || state.servers.get(task.serverId)?.keypairId === keypairId) return task;
  }
  return undefined;
}

/** For KMS's risk tips before a key is deleted: the pairs whose hosted private key it seals, by name. */
export function keypairsUsingKmsKey(state: KeypairSet, kmsKeyId: string): { readonly name: string; readonly id: number }[] {
  return [...state.keypairs.values()]
    .filter((pair) => pair.privateKey?.kmsKeyId === kmsKeyId)
    .map((pair) => ({ name: pair.name, id: pair.id }))
    .sort((a, b) => compareText(a.name, b.name) || a.id - b.id);
}

/** Code-unit order, the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
