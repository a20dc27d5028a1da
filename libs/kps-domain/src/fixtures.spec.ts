// Shared given/when/then helpers for this library's unit specs. The `.spec.ts` suffix keeps it out
// of dist (tools/build.mjs) and out of jest's test match (`*.unit.spec.ts`).
import { foldEvents } from '@dew/decider';
import { DeciderSpecification } from '@dew/testing/decider';
import { keypairSetDecider, type KeypairSetCommand, type KeypairSetEvent } from './keypair-set.decider.js';
import type { KeypairCreated } from './keypairs/events.js';
import type { ServerRegistered } from './servers/events.js';
import type { StartBindTask, StartUnbindTask } from './tasks/start.js';
import { initialKeypairSet, type HostedPrivateKey, type KeypairSet } from './state/keypair-set.js';

export const DOMAIN = 'fedcba9876543210fedcba9876543210';
export const PROJECT = '0123456789abcdef0123456789abcdef';
export const OTHER_PROJECT = 'abcdef0123456789abcdef0123456789';
export const USER_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const USER_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
export const KMS_KEY = '11111111-2222-4333-8444-555555555555';
export const T0 = 1_764_000_000_000;
/** The KPS process that runs the fixtures' tasks, and another replica's. */
export const RUNNER = 'kps#1@host-a';
export const OTHER_RUNNER = 'kps#2@host-a';

/** given(past events).when(command).then(…): every decide case of this domain. */
export const given = DeciderSpecification.for(keypairSetDecider);

const uuid = (prefix: string, n: number): string => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
export const serverId = (n: number): string => uuid('5e5e5e5e', n);
export const taskId = (n: number): string => uuid('7a7a7a7a', n);
export const pairName = (n: number): string => `pair-${String(n).padStart(4, '0')}`;

/** Key text of the right shape; the domain checks shape only, the service parses keys. */
export const publicKey = (n: number): string => `ssh-ed25519 ${Buffer.from(`public key ${n}`).toString('base64')} user@host`;
export const hostKey = (n: number): string => `ssh-ed25519 ${Buffer.from(`host key ${n}`).toString('base64')}`;
export const md5 = (n: number): string => Array.from({ length: 16 }, (_, i) => ((n * 31 + i) % 256).toString(16).padStart(2, '0')).join(':');
export const sha256 = (n: number): string => `SHA256:${Buffer.alloc(32, n).toString('base64').replace(/=+$/, '')}`;
/** A sealed private key: the text stands in for the service's envelope, which refusals must never show. */
export const hosted = (n: number, kmsKeyId = KMS_KEY): HostedPrivateKey => ({ kmsKeyId, sealed: `SEALED-PRIVATE-KEY-${n}`, owner: `owner-${n}` });
/** Base64 standing in for a Windows administrator password encrypted to a pair's RSA key. */
export const ENCRYPTED_PASSWORD = Buffer.from('encrypted administrator password').toString('base64');

/** The set of account DOMAIN after `events`: for the read helpers and evolve, which are plain functions. */
export function stateAfter(...events: readonly KeypairSetEvent[]): KeypairSet {
  return foldEvents(keypairSetDecider, events, initialKeypairSet(DOMAIN));
}

/**
 * `past` followed by the events of `commands` decided in turn: a history built through the
 * decider, for cases whose setup is easier to say as commands (bindings, tasks).
 */
export function history(past: readonly KeypairSetEvent[], ...commands: readonly KeypairSetCommand[]): KeypairSetEvent[] {
  const events = [...past];
  let state = stateAfter(...past);
  for (const command of commands) {
    const decided = keypairSetDecider.decide(state, command);
    state = foldEvents(keypairSetDecider, decided, state);
    events.push(...decided);
  }
  return events;
}

/** Pair n, account-scoped, made by USER_A, with no hosted private key. */
export function created(n: number, over: Partial<KeypairCreated> = {}): KeypairCreated {
  return {
    type: 'KeypairCreated',
    keypairId: n,
    name: pairName(n),
    scope: 'domain',
    userId: USER_A,
    keypairType: 'ssh',
    algorithm: 'SSH_ED25519',
    publicKey: publicKey(n),
    fingerprint: md5(n),
    fingerprintSha256: sha256(n),
    privateKey: null,
    description: '',
    at: T0 + n,
    ...over,
  };
}

/** Pairs 1..count. */
export function manyCreated(count: number): KeypairCreated[] {
  return Array.from({ length: count }, (_, i) => created(i + 1));
}

/** Server n of PROJECT: Linux, Running, defaults everywhere, unbound, no host key pinned. */
export function registered(n: number, over: Partial<ServerRegistered> = {}): ServerRegistered {
  return {
    type: 'ServerRegistered',
    serverId: serverId(n),
    projectId: PROJECT,
    name: `server-${n}`,
    address: `10.0.0.${n}`,
    publicIp: null,
    port: 22,
    os: 'Linux',
    status: 'Running',
    loginUser: 'root',
    sshdConfigPath: '/etc/ssh/sshd_config',
    sshdPidFile: '/run/sshd.pid',
    hostKey: null,
    encryptedPassword: null,
    at: T0 + 100 + n,
    ...over,
  };
}

/** USER_A binds pair `pair` to server `server` with a password. */
export function bind(server: number, pair: number, task: number, over: Partial<StartBindTask> = {}): StartBindTask {
  return {
    type: 'StartBindTask',
    taskId: taskId(task),
    projectId: PROJECT,
    serverId: serverId(server),
    userId: USER_A,
    keypairName: pairName(pair),
    auth: 'password',
    disablePassword: false,
    runner: RUNNER,
    now: T0 + 1000 + task,
    ...over,
  };
}

export function unbind(server: number, task: number, over: Partial<StartUnbindTask> = {}): StartUnbindTask {
  return { type: 'StartUnbindTask', taskId: taskId(task), projectId: PROJECT, serverId: serverId(server), auth: 'password', runner: RUNNER, now: T0 + 1000 + task, ...over };
}

export function complete(task: number, seenHostKey: string | null = null): KeypairSetCommand {
  return { type: 'CompleteTask', taskId: taskId(task), hostKey: seenHostKey, now: T0 + 2000 + task };
}

export function fail(task: number): KeypairSetCommand {
  return { type: 'FailTask', taskId: taskId(task), errorCode: 'KPS.SSH', errorMessage: 'ssh: connection refused', now: T0 + 3000 + task };
}

export function shutDown(server: number): KeypairSetCommand {
  return { type: 'ChangeServer', projectId: PROJECT, serverId: serverId(server), status: 'Shut down', now: T0 + 500 + server };
}

/** Pair `pair` created and bound to running server `server` through task `task` (completed). */
export function boundWorld(server: number, pair: number, task: number, pairOver: Partial<KeypairCreated> = {}): KeypairSetEvent[] {
  return history([created(pair, pairOver), registered(server)], bind(server, pair, task), complete(task));
}

/** The command succeeded with exactly one event. */
export const oneEvent = (events: readonly KeypairSetEvent[]): void => {
  expect(events).toHaveLength(1);
};
