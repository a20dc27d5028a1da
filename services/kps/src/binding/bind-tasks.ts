import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DewError, NoHostedPrivateKey, type AssociateKeypairRequest, type DisassociateKeypairRequest, type TaskAcceptedReply } from '@dew/contracts';
import {
  findKeypairById,
  isStillRunning,
  requireServer,
  requireTask,
  requireVisibleKeypair,
  validatePort,
  type KeypairSet,
  type KeypairSetCommand,
  type KeypairSetEvent,
  type Task,
} from '@dew/kps-domain';
import { systemContext, type RequestContext } from '@dew/messaging';
import { Clock, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { PrivateKeyVault } from '../private-keys/private-key-vault.js';
import { editAuthorizedKeys, NotAnAuthorizedKeyLine, type EditResult, type SshCredential as Credential } from '../remote/index.js';
import { authKindOf, credentialOf } from './credentials.js';
import { runnerIdOf } from './runner-id.js';
import { INTERRUPTED, OLD_KEY_UNUSABLE, TASK_ERROR_CODE } from './task-failures.js';
import { RECORD_ATTEMPTS, RECORD_BACKOFF_MS, SSH_TIMEOUT_MS, TASK_WATCHDOG_MS } from './task-timing.js';

/**
 * Bind, replace, reset and unbind as tasks (docs/kps.md, "Bind tasks"): the domain records the
 * task, the answer says it was accepted, and the SSH session runs in the background; its outcome
 * is appended as `KeypairBound`/`KeypairUnbound` or `BindTaskFailed`. Each task records this
 * process as its runner, so a restart fails only the tasks it was running (and DeadlineSweep those
 * whose runner never comes back). A watchdog ends each task's SSH connection before that deadline,
 * and every remote write first checks the task is still RUNNING, so a task failed as past its
 * deadline is never changed on the server after.
 */
@Injectable()
export class BindTasks implements OnApplicationBootstrap {
  readonly #log = new Logger('BindTasks');
  readonly #running = new Set<Promise<void>>();
  /** This process as the runner of the tasks it starts (runner-id.ts). */
  readonly runner: string;

  constructor(
    private readonly sets: KeypairSets,
    private readonly vault: PrivateKeyVault,
    private readonly clock: Clock,
    @Inject(SERVICE_SETTINGS) settings: ServiceSettings,
  ) {
    this.runner = runnerIdOf(settings);
  }

  /**
   * The tasks this runner's previous life left RUNNING cannot be resumed safely: they fail with
   * their cause. Another replica's tasks are left to it (or to the deadline). A set with none
   * decides to nothing, which appends nothing.
   */
  async onApplicationBootstrap(): Promise<void> {
    for (const set of [...this.sets.all()]) {
      const now = this.clock.now();
      const ctx = systemContext(`kps-restart-${this.runner}-${now}`, '', set.domainId);
      await this.sets.execute(ctx, { type: 'InterruptRunnerTasks', runner: this.runner, errorCode: INTERRUPTED.code, errorMessage: INTERRUPTED.message, now });
    }
  }

  async associate(ctx: RequestContext, r: AssociateKeypairRequest, step?: string): Promise<TaskAcceptedReply> {
    requireVisibleKeypair(this.sets.of(ctx), ctx.userId, r.keypair_name);
    const credential = credentialOf(r.server.auth);
    const port = r.server.port === undefined ? undefined : validatePort(r.server.port);
    const taskId = randomUUID();
    const { state } = await this.sets.execute(ctx, {
      type: 'StartBindTask', taskId, projectId: ctx.projectId, serverId: r.server.id, userId: ctx.userId, keypairName: r.keypair_name,
      auth: authKindOf(credential), disablePassword: r.server.disable_password ?? false, runner: this.runner, now: this.clock.now(),
    }, step);
    this.#startIfRunning(ctx, requireTask(state, taskId), credential, port);
    return { task_id: taskId, server_id: r.server.id, status: 'SUCCESS' };
  }

  async disassociate(ctx: RequestContext, r: DisassociateKeypairRequest): Promise<TaskAcceptedReply> {
    const credential = credentialOf(r.server.auth);
    const taskId = randomUUID();
    const { state } = await this.sets.execute(ctx, {
      type: 'StartUnbindTask', taskId, projectId: ctx.projectId, serverId: r.server.id, auth: authKindOf(credential), runner: this.runner, now: this.clock.now(),
    });
    const task = state.tasks.get(taskId);
    if (task) this.#startIfRunning(ctx, task, credential, undefined);
    return { task_id: taskId, server_id: r.server.id, status: 'SUCCESS' };
  }

  /**
   * A server is Running again: its READY reset runs, logging in with the old pair's hosted private
   * key (the caller needs decrypt-datakey on that key's KMS key). A key that cannot be opened fails
   * the task with the reason, so no task waits for ever on a key it will never get.
   */
  async runReady(ctx: RequestContext, serverId: string): Promise<void> {
    const set = this.sets.of(ctx);
    const task = [...set.tasks.values()].find((t) => t.serverId === serverId && t.status === 'READY');
    if (!task) return;
    const server = requireServer(set, task.projectId, serverId);
    let privateKey: string;
    try {
      const old = server.keypairId === null ? undefined : findKeypairById(set, server.keypairId);
      if (!old?.privateKey) throw NoHostedPrivateKey(server.keypairName ?? '', 'a reset of a shut-down server, which logs in with it');
      privateKey = await this.vault.reveal(ctx, old.privateKey);
    } catch (err) {
      if (!(err instanceof DewError) || err.status >= 500) throw err;
      const errorMessage = `${OLD_KEY_UNUSABLE.message}: ${err.code} ${err.message}`;
      await this.#record(ctx, { type: 'FailTask', taskId: task.id, errorCode: OLD_KEY_UNUSABLE.code, errorMessage, now: this.clock.now() }, `done-${task.id}`);
      return;
    }
    const { state } = await this.sets.execute(ctx, { type: 'RunReadyTask', taskId: task.id, runner: this.runner, now: this.clock.now() }, `run-${task.id}`);
    this.#startIfRunning(ctx, requireTask(state, task.id), { type: 'privateKey', privateKey }, undefined);
  }

  /** Resolves when every task started so far has finished (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.#running]);
  }

  #cannotRun(taskId: string, err: unknown): EditResult {
    this.#log.error(`task ${taskId} could not run: ${err instanceof Error ? err.message : String(err)}`);
    return cannotRunResult(err);
  }

  #startIfRunning(ctx: RequestContext, task: Task, credential: Credential | undefined, port: number | undefined): void {
    if (task.status !== 'RUNNING' || !credential) return;
    const run = this.#run(ctx, task.id, credential, port).catch((err: unknown) => {
      this.#log.error(`task ${task.id} could not record its outcome: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  async #run(ctx: RequestContext, taskId: string, credential: Credential, port: number | undefined): Promise<void> {
    const set = this.sets.of(ctx);
    const task = requireTask(set, taskId);
    const server = requireServer(set, task.projectId, task.serverId);
    const outcome = await editAuthorizedKeys(
      { host: server.address, port: port ?? server.port, user: server.loginUser, ...(server.hostKey ? { pinnedHostKey: server.hostKey } : {}), sshdConfigPath: server.sshdConfigPath, sshdPidFile: server.sshdPidFile },
      credential,
      changeOf(set, task),
      { readyTimeoutMs: SSH_TIMEOUT_MS, signal: AbortSignal.timeout(TASK_WATCHDOG_MS), beforeWrite: () => this.#stillRunning(ctx, taskId) },
    ).catch((err: unknown) => this.#cannotRun(taskId, err));
    const now = this.clock.now();
    const recorded = await this.#record(ctx, outcome.ok
      ? { type: 'CompleteTask', taskId, hostKey: outcome.hostKey, now }
      : { type: 'FailTask', taskId, errorCode: TASK_ERROR_CODE[outcome.failure], errorMessage: outcome.message, now }, `done-${taskId}`)
      .catch((err: unknown) => this.#unlessDeleted(ctx, taskId, err));
    if (recorded.events.length === 0) this.#outcomeNotRecorded(recorded.state, taskId, outcome);
  }

  /**
   * Asked before each remote write, against the stream's latest state (another replica may have
   * failed the task past its deadline): a task that cannot be confirmed RUNNING is not written for.
   */
  async #stillRunning(ctx: RequestContext, taskId: string): Promise<boolean> {
    const current = await this.sets.store.catchUp().then(() => true, () => false);
    return current && isStillRunning(this.sets.of(ctx), taskId);
  }

  /** A task deleted once it had failed refuses its outcome as not found: it ended, as one failed meanwhile. */
  #unlessDeleted(ctx: RequestContext, taskId: string, err: unknown): { state: KeypairSet; events: readonly KeypairSetEvent[] } {
    const state = this.sets.of(ctx);
    if (err instanceof DewError && err.status === 404 && !state.tasks.has(taskId)) return { state, events: [] };
    throw err;
  }

  /** The task ended before its runner finished (failed past its deadline, maybe deleted since): that outcome stands. */
  #outcomeNotRecorded(set: KeypairSet, taskId: string, outcome: EditResult): void {
    const task = set.tasks.get(taskId);
    const ended = task ? `${task.status}${task.errorCode ? ` (${task.errorCode})` : ''}` : 'deleted';
    const mine = outcome.ok ? 'done' : `failed ${TASK_ERROR_CODE[outcome.failure]}`;
    this.#log.warn(`task ${taskId} had ended ${ended} before its runner finished: its SSH edit (${mine}) is not recorded, so the server may differ from the inventory until the task is run again`);
  }

  /**
   * Appends a task's outcome, retrying a bus or store failure: the request id and step make every
   * attempt the same append, so a retry never records it twice. A refusal is final.
   */
  async #record(ctx: RequestContext, command: KeypairSetCommand, step: string): Promise<{ state: KeypairSet; events: readonly KeypairSetEvent[] }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sets.execute(ctx, command, step);
      } catch (err) {
        if ((err instanceof DewError && err.status < 500) || attempt >= RECORD_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, RECORD_BACKOFF_MS * attempt));
      }
    }
  }
}

/**
 * What a task becomes when the engine refuses to start it (a change or endpoint that could never
 * work, e.g. a login name sshd's configuration cannot match): a failure, never a task left RUNNING.
 * Only the engine's own refusals are worded; anything else is logged, not shown.
 */
function cannotRunResult(err: unknown): EditResult {
  const why = err instanceof RangeError || err instanceof NotAnAuthorizedKeyLine ? err.message : 'an internal error stopped it before it logged in';
  return { ok: false, failure: 'REMOTE_COMMAND_FAILED', message: `the task cannot run on this server: ${why}` };
}

/** What the task changes in authorized_keys: the new pair's line in, the old pair's out. */
function changeOf(set: KeypairSet, task: Task): { add?: string; remove?: string; disablePasswordLogin?: boolean } {
  const server = requireServer(set, task.projectId, task.serverId);
  const bound = server.keypairId === null ? undefined : findKeypairById(set, server.keypairId);
  if (task.operation === 'UNBIND') return bound ? { remove: bound.publicKey } : {};
  const next = findKeypairById(set, task.keypairId);
  return {
    ...(next ? { add: next.publicKey } : {}),
    ...(bound && bound.id !== task.keypairId ? { remove: bound.publicKey } : {}),
    ...(task.disablePassword ? { disablePasswordLogin: true } : {}),
  };
}
