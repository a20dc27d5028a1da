import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server as TcpServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { kpsOperations } from '@dew/contracts';
import type { Task } from '@dew/kps-domain';
import { request, systemContext, type RequestContext } from '@dew/messaging';
import { findFreePort } from '@dew/nats-server';
import { Clock, serviceSettingsFromEnv, startService, type ServiceSettings } from '@dew/nest-kit';
import { startSshd, startTestNats, type TestNats, type TestSshd } from '@dew/testing';
import { BindTasks } from '../src/binding/bind-tasks.js';
import { runnerIdOf } from '../src/binding/runner-id.js';
import { INTERRUPTED, PAST_DEADLINE } from '../src/binding/task-failures.js';
import { TASK_DEADLINE_MS } from '../src/binding/task-timing.js';
import { KeypairSets } from '../src/keypairs/keypair-sets.js';
import { NewKeypairs } from '../src/keypairs/new-keypairs.js';
import { KpsModule } from '../src/kps.module.js';

// Two kps replicas (DEW_REPLICA 1 and 2) in this process on one real nats-server, as cluster mode
// runs them (docs/architecture.md, "Cluster mode"); each has its own state, clock and runner id.

let nats: TestNats;
let dataDir: string;
let client: NatsConnection;
/** A port that accepts TCP and never speaks SSH: a task's session waits there until released. */
let silent: { server: TcpServer; port: number; sockets: Socket[] };
const replicas = new Map<number, INestApplicationContext>();

const ctx = systemContext('task-runners', 'p'.repeat(32), 'd'.repeat(32));
const fresh = (): RequestContext => ({ ...ctx, requestId: randomUUID() });

/** As main.ts reads them, for replica `replica` on the test's nats-server, with the test clock. */
function settings(replica: number): ServiceSettings {
  return serviceSettingsFromEnv('kps', { DEW_NATS_URL: nats.url, DEW_DATA_DIR: dataDir, DEW_TEST_CLOCK: '1', DEW_LOG_LEVEL: 'silent', DEW_REPLICA: String(replica) });
}

/** Starts replica `n` (again): its bootstrap fails the tasks its previous life left RUNNING. */
async function start(n: number): Promise<INestApplicationContext> {
  const app = await startService(KpsModule.forRoot(settings(n)), settings(n), 'kps', {});
  replicas.set(n, app);
  return app;
}

async function stop(n: number): Promise<void> {
  const app = replicas.get(n);
  replicas.delete(n);
  await app?.get(BindTasks).settled();
  await app?.close();
}

const replica = (n: number): INestApplicationContext => replicas.get(n) as INestApplicationContext;
const runnerOf = (n: number): string => runnerIdOf(settings(n));
const taskOn = (n: number, taskId: string): Task | undefined => replica(n).get(KeypairSets).of(ctx).tasks.get(taskId);

/** Waits until replica `n` has folded the task into the state `check` accepts (replicas follow the stream). */
async function until(n: number, taskId: string, check: (t: Task | undefined) => boolean): Promise<Task | undefined> {
  const deadline = Date.now() + 10_000;
  while (!check(taskOn(n, taskId))) {
    if (Date.now() > deadline) throw new Error(`task ${taskId} on replica ${n}: ${JSON.stringify(taskOn(n, taskId))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return taskOn(n, taskId);
}

let servers = 0;
/** A running Linux server of the inventory whose SSH port is the silent one (or `port`, logging in as `user`). */
async function newServer(port = silent.port, user = 'root'): Promise<string> {
  const reply = await request<{ server: { id: string } }>(client, kpsOperations.createServer.pattern ?? '', {
    server: { name: `server-${++servers}`, address: '127.0.0.1', port, login_user: user },
  }, fresh());
  return reply.server.id;
}

/** Holds every connection to `port` (nothing forwarded) until released: a session stalled before login. */
async function holdingProxy(port: number): Promise<{ port: number; connected: Promise<void>; release(): void; close(): Promise<void> }> {
  const held: Socket[] = [];
  const pipes: Socket[] = [];
  let connected!: () => void;
  const connectedP = new Promise<void>((resolve) => (connected = resolve));
  const server = createServer((inbound) => {
    inbound.pause();
    held.push(inbound);
    connected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connected: connectedP,
    release: () => {
      for (const inbound of held.splice(0)) {
        const outbound = createConnection(port, '127.0.0.1');
        pipes.push(inbound, outbound);
        inbound.pipe(outbound).pipe(inbound);
      }
    },
    close: async () => {
      [...held, ...pipes].forEach((s) => s.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A task RUNNING under `runner` with no session behind it: what the stream holds once that
 * runner's process died (a crash, a replica scaled down).
 */
async function orphanedTask(through: number, runner: string): Promise<string> {
  const taskId = randomUUID();
  const serverId = await newServer();
  await replica(through).get(KeypairSets).execute(fresh(), {
    type: 'StartBindTask', taskId, projectId: ctx.projectId, serverId, userId: ctx.userId, keypairName: 'pair-1',
    auth: 'password', disablePassword: false, runner, now: replica(through).get(Clock).now(),
  });
  return taskId;
}

/** A task replica `n` runs for real: its SSH session waits on the silent port. */
async function liveTask(n: number): Promise<string> {
  const serverId = await newServer();
  const accepted = await replica(n).get(BindTasks).associate(fresh(), { keypair_name: 'pair-1', server: { id: serverId, auth: { type: 'password', key: 'not-a-real-password' } } });
  const connected = silent.sockets.length;
  await until(n, accepted.task_id, (t) => t?.status === 'RUNNING');
  for (let i = 0; silent.sockets.length === connected && i < 500; i++) await new Promise((r) => setTimeout(r, 20));
  return accepted.task_id;
}

/** The silent port hangs up on every session: each fails as unreachable and its runner records that. */
function hangUp(): void {
  for (const s of silent.sockets.splice(0)) s.destroy();
}

beforeAll(async () => {
  nats = await startTestNats();
  dataDir = mkdtempSync(join(tmpdir(), 'dew-kps-int-'));
  client = await nats.connect();
  const port = await findFreePort();
  const sockets: Socket[] = [];
  const server = createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  silent = { server, port, sockets };
  await start(1);
  await start(2);
  await replica(1).get(NewKeypairs).create(fresh(), { name: 'pair-1' });
});
afterAll(async () => {
  hangUp();
  for (const n of [...replicas.keys()]) await stop(n);
  silent?.server.close();
  await nats?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('bind tasks with two kps replicas', () => {
  it('each replica records itself as the runner of the tasks it starts: the service, its replica slot and host', async () => {
    expect(runnerOf(1)).not.toBe(runnerOf(2));
    expect(runnerOf(2)).toMatch(/^kps#2@/);
    const taskId = await liveTask(2);
    expect(taskOn(2, taskId)).toMatchObject({ status: 'RUNNING', runner: runnerOf(2) });
    expect(await until(1, taskId, (t) => t !== undefined)).toMatchObject({ runner: runnerOf(2) });
    hangUp();
    await replica(2).get(BindTasks).settled();
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorCode: 'KPS.2002' });
  });

  it("a replica restarting leaves the other replica's RUNNING task alone: its runner finishes it with its own outcome", async () => {
    const taskId = await liveTask(2);
    await stop(1);
    await start(1);
    expect(await until(1, taskId, (t) => t !== undefined)).toMatchObject({ status: 'RUNNING', runner: runnerOf(2) });
    expect(taskOn(2, taskId)?.status).toBe('RUNNING');
    hangUp();
    await replica(2).get(BindTasks).settled();
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorCode: 'KPS.2002' });
  });

  it('a replica restarting fails the tasks its previous life left RUNNING as interrupted (KPS.2006), and only those', async () => {
    const mine = await orphanedTask(1, runnerOf(1));
    const others = await orphanedTask(1, runnerOf(2));
    await until(2, others, (t) => t?.status === 'RUNNING');
    await stop(1);
    await start(1);
    expect(taskOn(1, mine)).toMatchObject({ status: 'FAILED', errorCode: INTERRUPTED.code, errorMessage: INTERRUPTED.message });
    expect(taskOn(1, others)).toMatchObject({ status: 'RUNNING' });
    await until(2, mine, (t) => t?.status === 'FAILED');
    expect(taskOn(2, others)?.status).toBe('RUNNING');
  });

  it('a task whose runner is gone for good (replica 3, scaled down) is failed by the deadline sweep once past the deadline, not before', async () => {
    const taskId = await orphanedTask(2, 'kps#3@scaled-down');
    const clock = replica(2).get(Clock);
    await clock.advance(TASK_DEADLINE_MS - 1000);
    expect(taskOn(2, taskId)).toMatchObject({ status: 'RUNNING' });
    await clock.advance(2000);
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorCode: PAST_DEADLINE.code, errorMessage: PAST_DEADLINE.message });
    expect(await until(1, taskId, (t) => t?.status === 'FAILED')).toMatchObject({ errorMessage: PAST_DEADLINE.message });
  });

  it('a runner finishing after the deadline sweep failed its task records nothing over it: the task stays FAILED past its deadline', async () => {
    const taskId = await liveTask(2);
    await replica(2).get(Clock).advance(TASK_DEADLINE_MS + 1000);
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorMessage: PAST_DEADLINE.message });
    const failedAt = taskOn(2, taskId)?.finishedAt;
    hangUp();
    await replica(2).get(BindTasks).settled();
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorCode: PAST_DEADLINE.code, errorMessage: PAST_DEADLINE.message, finishedAt: failedAt });
  });
});

describe('a bind task failed past its deadline while its runner still works on it', () => {
  let sshd: TestSshd;
  let proxy: Awaited<ReturnType<typeof holdingProxy>>;

  beforeEach(async () => {
    sshd = await startSshd();
    proxy = await holdingProxy(sshd.port);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await proxy.close();
    await sshd.stop();
  });

  /** A bind on replica 2 whose session waits at the proxy while the deadline sweep fails it. */
  async function failedWhileHeld(): Promise<string> {
    const serverId = await newServer(proxy.port, sshd.user);
    const { task_id: taskId } = await replica(2).get(BindTasks).associate(fresh(), { keypair_name: 'pair-1', server: { id: serverId, auth: { type: 'password', key: sshd.password } } });
    await proxy.connected;
    await replica(2).get(Clock).advance(TASK_DEADLINE_MS + 1000);
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorMessage: PAST_DEADLINE.message });
    return taskId;
  }

  it('its session resuming: the runner logs in and reads, but stops before writing authorized_keys; the task stays FAILED past its deadline', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const taskId = await failedWhileHeld();

    proxy.release();
    await replica(2).get(BindTasks).settled();

    expect(await sshd.authorizedKeys()).toBe('');
    expect(taskOn(2, taskId)).toMatchObject({ status: 'FAILED', errorCode: PAST_DEADLINE.code, errorMessage: PAST_DEADLINE.message });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`task ${taskId} had ended FAILED (${PAST_DEADLINE.code})`));
  });

  it('deleted by its user before the runner finishes: nothing written, the refused outcome only warned about, as for an ended task', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    const taskId = await failedWhileHeld();
    await replica(2).get(KeypairSets).execute(fresh(), { type: 'DeleteFailedTask', projectId: ctx.projectId, taskId, now: replica(2).get(Clock).now() });

    proxy.release();
    await replica(2).get(BindTasks).settled();

    expect(await sshd.authorizedKeys()).toBe('');
    expect(taskOn(2, taskId)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`task ${taskId} had ended deleted`));
    expect(error).not.toHaveBeenCalled();
  });
});
