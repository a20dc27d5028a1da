import {
  BindTaskIdTaken,
  BoundKeypairNotVisible,
  KpsFieldInvalid,
  NoHostedPrivateKey,
  ServerAlreadyBound,
  ServerNotBound,
  ServerOsForbids,
  ServerStatusForbids,
  ServerTaskInProgress,
  StoppedServerUnreachable,
  quote,
} from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { validateUuid } from '../rules/server-fields.js';
import { checkedBoolean, oneOf } from '../rules/text.js';
import { requireServer, requireVisibleKeypair } from '../state/guards.js';
import type { KeypairSet, Server } from '../state/keypair-set.js';
import { boundKeypairSeenBy, findKeypairById, liveTaskOfServer } from '../state/queries.js';
import type { BindTaskStarted, TaskEvent, UnbindTaskStarted } from './events.js';
import { checkedRunner } from './runner.js';

/**
 * How the service logs in to a running server for the task: with a password or a private key the
 * caller gave (used once, never in a command or event), or with nothing.
 */
export type BindAuth = 'password' | 'privateKey' | 'none';
export const BIND_AUTHS: readonly BindAuth[] = ['password', 'privateKey', 'none'];

export interface StartBindTask {
  readonly type: 'StartBindTask';
  /** UUID chosen by the service. */
  readonly taskId: string;
  readonly projectId: string;
  readonly serverId: string;
  /** The caller, for whom `keypairName` is resolved (findVisibleKeypair). */
  readonly userId: string;
  readonly keypairName: string;
  readonly auth: BindAuth;
  readonly disablePassword: boolean;
  /** The KPS process that runs the task if it starts RUNNING (docs/kps.md, "Bind tasks"). */
  readonly runner: string;
  readonly now: Instant;
}
export interface StartUnbindTask {
  readonly type: 'StartUnbindTask';
  readonly taskId: string;
  readonly projectId: string;
  readonly serverId: string;
  readonly auth: BindAuth;
  /** The KPS process that runs the task (docs/kps.md, "Bind tasks"). */
  readonly runner: string;
  readonly now: Instant;
}

type Plan = Pick<BindTaskStarted, 'operation' | 'status'>;

function checkedTaskId(state: KeypairSet, taskId: string): string {
  const id = validateUuid('task_id', taskId);
  if (state.tasks.has(id)) throw BindTaskIdTaken(id);
  return id;
}

/** A Linux server, Running or Shut down, with no live task: the only kind a task may change. */
function refuseUnfitServer(state: KeypairSet, server: Server): void {
  if (server.os !== 'Linux') throw ServerOsForbids(server.id, server.os);
  if (server.status !== 'Running' && server.status !== 'Shut down') throw ServerStatusForbids(server.id, server.status, 'Running or Shut down');
  const task = liveTaskOfServer(state, server.id);
  if (task) throw ServerTaskInProgress(server.id, task.id, task.status);
}

/** A running server is reached now, so the caller must say how to log in. */
function requireLogin(auth: BindAuth): void {
  if (auth === 'none') throw KpsFieldInvalid('server.auth', 'be password or privateKey to log in to a running server', quote(auth));
}

/**
 * Binding a server: a running one now (RESET if unbound, REPLACE if bound); a shut-down one only
 * if it is bound to a pair whose private key DEW hosts, with which a READY RESET logs in once the
 * server runs (a credential given with the command is not kept for later). That login acts for the
 * caller, so the bound pair must be one the caller can see.
 */
function bindPlan(state: KeypairSet, server: Server, auth: BindAuth, userId: string): Plan {
  const current = server.keypairId === null ? undefined : findKeypairById(state, server.keypairId);
  if (server.status === 'Running') {
    requireLogin(auth);
    return { operation: current ? 'REPLACE' : 'RESET', status: 'RUNNING' };
  }
  if (!current) throw StoppedServerUnreachable(server.id);
  if (boundKeypairSeenBy(state, userId, server) !== current) throw BoundKeypairNotVisible(server.id, 'the reset of the shut-down server');
  if (!current.privateKey) throw NoHostedPrivateKey(current.name, `resetting the shut-down server ${quote(server.id)} once it runs`);
  return { operation: 'RESET', status: 'READY' };
}

export function startBindTask(state: KeypairSet, cmd: StartBindTask): TaskEvent[] {
  const auth = oneOf('server.auth', BIND_AUTHS, cmd.auth);
  const disablePassword = checkedBoolean('disable_password', cmd.disablePassword);
  const runner = checkedRunner(cmd.runner);
  const taskId = checkedTaskId(state, cmd.taskId);
  const server = requireServer(state, cmd.projectId, cmd.serverId);
  const pair = requireVisibleKeypair(state, cmd.userId, cmd.keypairName);
  refuseUnfitServer(state, server);
  if (server.keypairId === pair.id) throw ServerAlreadyBound(server.id, pair.name);
  const plan = bindPlan(state, server, auth, cmd.userId);
  return [
    {
      type: 'BindTaskStarted',
      taskId,
      projectId: server.projectId,
      serverId: server.id,
      keypairName: pair.name,
      keypairId: pair.id,
      ...plan,
      disablePassword,
      ...(plan.status === 'RUNNING' ? { runner } : {}),
      at: cmd.now,
    },
  ];
}

/**
 * Unbinding a running server removes the pair's line over SSH. A shut-down one cannot be reached:
 * it is unbound in the inventory at once (a task started and succeeded in one append), and the
 * line stays on the machine.
 */
export function startUnbindTask(state: KeypairSet, cmd: StartUnbindTask): TaskEvent[] {
  const auth = oneOf('server.auth', BIND_AUTHS, cmd.auth);
  const runner = checkedRunner(cmd.runner);
  const taskId = checkedTaskId(state, cmd.taskId);
  const server = requireServer(state, cmd.projectId, cmd.serverId);
  if (server.keypairId === null || server.keypairName === null) throw ServerNotBound(server.id);
  refuseUnfitServer(state, server);
  const pair = { serverId: server.id, keypairName: server.keypairName, keypairId: server.keypairId };
  const started: UnbindTaskStarted = {
    type: 'UnbindTaskStarted',
    taskId,
    projectId: server.projectId,
    ...pair,
    operation: 'UNBIND',
    status: 'RUNNING',
    disablePassword: false,
    runner,
    at: cmd.now,
  };
  if (server.status === 'Running') {
    requireLogin(auth);
    return [started];
  }
  return [started, { type: 'KeypairUnbound', taskId, ...pair, at: cmd.now }];
}
