import type { Instant } from '@dew/decider';

/**
 * The account's key-pair set: every key pair of one account (domain), and DEW's inventory of the
 * account's servers with their bind tasks, one event subject. Servers and tasks live in the same
 * aggregate as the key pairs so that binding a pair changes the pair's and the server's records in
 * one append: no bound server can point at a deleted pair, no pair can be deleted under a running
 * task, and name uniqueness and both quotas are guarded by one expected-sequence append
 * (docs/architecture.md, "Event sourcing on JetStream").
 */

export type KeypairScope = 'domain' | 'user';
export type KeypairType = 'ssh' | 'x509';

/** A private key the service sealed under a KMS key: opaque here, the domain never sees it. */
export interface HostedPrivateKey {
  readonly kmsKeyId: string;
  /** The service's envelope. */
  readonly sealed: string;
  /** The keyring entry that sealed it: shredded when the key is cleared or the pair deleted. */
  readonly owner: string;
}

export interface Keypair {
  /** The SDK's int64 id: the account's key pair counter, never reused. */
  readonly id: number;
  readonly name: string;
  /** `domain`: visible to every user of the account; `user`: only to its owner. */
  readonly scope: KeypairScope;
  /** The creator, and the owner of a user-scoped pair. */
  readonly userId: string;
  readonly type: KeypairType;
  /** As the service names it, e.g. `SSH_RSA_2048`. */
  readonly algorithm: string;
  /** One OpenSSH authorized_keys line. */
  readonly publicKey: string;
  /** MD5, colon-separated hex. */
  readonly fingerprint: string;
  /** `SHA256:` + unpadded base64. */
  readonly fingerprintSha256: string;
  readonly imported: boolean;
  readonly privateKey: HostedPrivateKey | null;
  readonly description: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export type ServerOs = 'Linux' | 'Windows';
export type ServerStatus = 'Running' | 'Shut down' | 'Starting' | 'Stopping' | 'Faulty';

/** DEW's own inventory entry for a machine it reaches over SSH (it stands in for ECS). */
export interface Server {
  readonly id: string;
  readonly projectId: string;
  readonly name: string;
  /** IPv4 or IPv6 literal or host name: where DEW connects. */
  readonly address: string;
  readonly publicIp: string | null;
  readonly port: number;
  readonly os: ServerOs;
  readonly status: ServerStatus;
  readonly loginUser: string;
  readonly sshdConfigPath: string;
  readonly sshdPidFile: string;
  /** Pinned `"<type> <base64>"`, or null: trust the first key seen. */
  readonly hostKey: string | null;
  /** Windows only: base64 of the administrator password encrypted to the pair's RSA key. */
  readonly encryptedPassword: string | null;
  /** The bound pair's name and id: both null, or both set. */
  readonly keypairName: string | null;
  readonly keypairId: number | null;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

/** What a server's owner sets: every inventory field but its id, project, host key, binding and times. */
export type ServerFields = Pick<
  Server,
  'name' | 'address' | 'publicIp' | 'port' | 'os' | 'status' | 'loginUser' | 'sshdConfigPath' | 'sshdPidFile' | 'encryptedPassword'
>;

export type TaskOperation = 'RESET' | 'REPLACE' | 'UNBIND';
export type TaskStatus = 'READY' | 'RUNNING' | 'SUCCESS' | 'FAILED';

/** A bind, replace or unbind of one server (Huawei's task model). */
export interface Task {
  readonly id: string;
  readonly projectId: string;
  readonly serverId: string;
  /** The pair the task binds, or for UNBIND the pair it removes. */
  readonly keypairName: string;
  readonly keypairId: number;
  readonly operation: TaskOperation;
  readonly status: TaskStatus;
  readonly disablePassword: boolean;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** When it was asked for (a READY task runs later). */
  readonly startedAt: Instant;
  /** When it began RUNNING: `startedAt`, or later for a task that waited READY; null while READY. */
  readonly runningSince: Instant | null;
  /**
   * The KPS process that runs it (docs/kps.md, "Bind tasks"): named when it began RUNNING; null
   * while READY, and for a task started before runners were recorded.
   */
  readonly runner: string | null;
  readonly finishedAt: Instant | null;
}

export interface KeypairSet {
  readonly domainId: string;
  /** keypairKey(pair) → pair. */
  readonly keypairs: ReadonlyMap<string, Keypair>;
  readonly servers: ReadonlyMap<string, Server>;
  readonly tasks: ReadonlyMap<string, Task>;
  /** Highest key pair id ever used: the next pair is `lastKeypairNumber + 1`. */
  readonly lastKeypairNumber: number;
}

export function initialKeypairSet(domainId: string): KeypairSet {
  return { domainId, keypairs: new Map(), servers: new Map(), tasks: new Map(), lastKeypairNumber: 0 };
}

/**
 * The map key of a pair: its name for an account-scoped pair, `name@userId` for a user-scoped one.
 * Names never contain `@`, so the two kinds never collide.
 */
export function keypairKey(pair: Pick<Keypair, 'name' | 'scope' | 'userId'>): string {
  return pair.scope === 'domain' ? pair.name : userKeypairKey(pair.name, pair.userId);
}

export function userKeypairKey(name: string, userId: string): string {
  return `${name}@${userId}`;
}

/** The set with `pair` stored under its key. */
export function withKeypair(state: KeypairSet, pair: Keypair): KeypairSet {
  const keypairs = new Map(state.keypairs);
  keypairs.set(keypairKey(pair), pair);
  return { ...state, keypairs, lastKeypairNumber: Math.max(state.lastKeypairNumber, pair.id) };
}

export function withoutKeypair(state: KeypairSet, pair: Keypair): KeypairSet {
  const keypairs = new Map(state.keypairs);
  keypairs.delete(keypairKey(pair));
  return { ...state, keypairs };
}

export function withServer(state: KeypairSet, server: Server): KeypairSet {
  const servers = new Map(state.servers);
  servers.set(server.id, server);
  return { ...state, servers };
}

export function withTask(state: KeypairSet, task: Task): KeypairSet {
  const tasks = new Map(state.tasks);
  tasks.set(task.id, task);
  return { ...state, tasks };
}

export function withoutTasks(state: KeypairSet, taskIds: readonly string[]): KeypairSet {
  const tasks = new Map(state.tasks);
  for (const id of taskIds) tasks.delete(id);
  return { ...state, tasks };
}

/**
 * Events are facts already decided: evolve never refuses. One for an unknown pair is ignored.
 * The change may move the pair to another key (a scope upgrade).
 */
export function changeKeypair(state: KeypairSet, keypairId: number, change: (pair: Keypair) => Keypair): KeypairSet {
  for (const [key, pair] of state.keypairs) {
    if (pair.id !== keypairId) continue;
    const changed = change(pair);
    const keypairs = new Map(state.keypairs);
    keypairs.delete(key);
    keypairs.set(keypairKey(changed), changed);
    return { ...state, keypairs };
  }
  return state;
}

export function changeServer(state: KeypairSet, serverId: string, change: (server: Server) => Server): KeypairSet {
  const server = state.servers.get(serverId);
  return server ? withServer(state, change(server)) : state;
}

export function changeTask(state: KeypairSet, taskId: string, change: (task: Task) => Task): KeypairSet {
  const task = state.tasks.get(taskId);
  return task ? withTask(state, change(task)) : state;
}

/** The server with no pair recorded; the authorized_keys line, if any, stays on the machine. */
export function unbound(server: Server, at: Instant): Server {
  return { ...server, keypairName: null, keypairId: null, updatedAt: at };
}
