import { openRootKey } from '@dew/crypto';
import { JetStreamEventStore } from '@dew/event-store';
import { connectNats } from '@dew/messaging';
import { executeOnRing, readRootKeyRing } from '@dew/root-key';
import { liveVersions, pendingHolders, retiredVersions, ROOT_KEY_HOLDERS, RootKeyRefusal, rotationInProgress, type RootKeyRing } from '@dew/root-key-domain';
import type { NatsConnection } from '@nats-io/transport-node';
import { natsPasswordFor } from '../nats-users.js';
import type { RunnerSettings } from '../settings.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface RotateOptions {
  /** Follow the holders until the older version retires. */
  readonly wait: boolean;
  readonly timeoutMs: number;
}

const USAGE = 'usage: dew root-key rotate [--wait] [--timeout SECONDS] | dew root-key status';

/** `dew root-key rotate [--wait] [--timeout SECONDS]`. */
export function parseRotateArgs(args: readonly string[]): RotateOptions {
  if (args[0] !== 'rotate') throw new Error(USAGE);
  const rest = args.slice(1);
  const i = rest.indexOf('--timeout');
  const timeout = i < 0 ? undefined : rest[i + 1];
  if (timeout !== undefined && !/^[1-9]\d{0,5}$/.test(timeout)) throw new Error(`--timeout must be a whole number of seconds 1..999999, got "${timeout}"`);
  const unknown = rest.filter((a, j) => a !== '--wait' && a !== '--timeout' && !(i >= 0 && j === i + 1));
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}; ${USAGE}`);
  return { wait: rest.includes('--wait'), timeoutMs: (timeout === undefined ? 600 : Number(timeout)) * 1000 };
}

async function withRing<T>(s: RunnerSettings, env: Env, use: (store: JetStreamEventStore) => Promise<T>): Promise<T> {
  let nc: NatsConnection;
  const servers = env.DEW_NATS_URL ?? `nats://${s.natsHost}:${s.natsPort}`;
  try {
    nc = await connectNats({ servers, user: 'runner', pass: natsPasswordFor('runner', s.dataDir, env), name: 'dew-root-key-rotate' });
  } catch (err) {
    throw new Error(`cannot reach DEW's NATS at ${servers} (${(err as Error).message}); rotation runs with the system running`);
  }
  try {
    return await use(new JetStreamEventStore(nc));
  } finally {
    await nc.close();
  }
}

/**
 * Starts a rotation online (docs/architecture.md, "Root of trust"): creates the next version's key
 * (file `root.key.v<N>` or token object `<label>.v<N>`), then appends RootKeyVersionCreated; the
 * holders switch to it and re-wrap in the background. Returns the new version.
 */
export async function rotateRootKey(s: RunnerSettings, env: Env, o: RotateOptions, out: (line: string) => void): Promise<number> {
  if (s.rootKey.provider === 'env') throw new Error('the env root key (DEW_ROOT_KEY) cannot rotate: DEW cannot write a new Kubernetes Secret; use the file or pkcs11 provider (dew root-key migrate)');
  const provider = s.rootKey.provider;
  return withRing(s, env, async (store) => {
    const { ring } = await readRootKeyRing(store);
    if (rotationInProgress(ring)) throw RootKeyRefusal.rotationInProgress(liveVersions(ring));
    const version = ring.current + 1;
    const key = openRootKey(s.rootKey, false);
    try {
      // A key left by a run that stopped before its event is reused: nothing was wrapped with it.
      if (!key.versioned?.hasKey(version)) key.versioned?.create(version);
    } finally {
      key.close();
    }
    await executeOnRing(store, { type: 'CreateRootKeyVersion', version, provider, by: env.USER ? `dew root-key rotate (${env.USER})` : 'dew root-key rotate', now: Date.now() }, 'root-key-rotate');
    out(`root key version ${version} created; the services re-wrap in the background`);
    if (o.wait) await waitForRetirement(store, version, o.timeoutMs, out);
    return version;
  });
}

async function waitForRetirement(store: JetStreamEventStore, version: number, timeoutMs: number, out: (line: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const reported = new Set<string>();
  for (;;) {
    const { ring } = await readRootKeyRing(store);
    for (const h of ROOT_KEY_HOLDERS) {
      if (ring.rewrapped[h] >= version && !reported.has(h)) {
        reported.add(h);
        out(`  ${h}: re-wrapped to version ${version} (${reported.size}/${ROOT_KEY_HOLDERS.length})`);
      }
    }
    if (!rotationInProgress(ring)) {
      out(`older versions retired; version ${version} is the only live root key`);
      return;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${pendingHolders(ring).join(', ')} to re-wrap; the rotation goes on (dew root-key status)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** `dew root-key status`: versions and each holder's progress. */
export async function rootKeyStatus(s: RunnerSettings, env: Env): Promise<string[]> {
  const ring = await withRing(s, env, async (store) => (await readRootKeyRing(store)).ring);
  const key = openRootKey(s.rootKey, false);
  try {
    return statusLines(ring, key.versioned?.versions());
  } finally {
    key.close();
  }
}

/** The ring's state and, for the file and pkcs11 providers, the versions whose key exists. */
export function statusLines(ring: RootKeyRing, keysHeld: readonly number[] | undefined): string[] {
  const retired = retiredVersions(ring);
  return [
    `current version: ${ring.current}${ring.versions[ring.current]?.provider ? ` (${ring.versions[ring.current]?.provider})` : ''}`,
    `live versions:   ${liveVersions(ring).join(', ')}`,
    `retired:         ${retired.length > 0 ? retired.join(', ') : 'none'}`,
    `keys held:       ${keysHeld ? keysHeld.join(', ') : 'one (env provider, no versions)'}`,
    rotationInProgress(ring) ? `rotation to version ${ring.current} in progress:` : 'no rotation in progress',
    ...ROOT_KEY_HOLDERS.map((h) => `  ${h.padEnd(17)} ${ring.rewrapped[h] >= ring.current ? 'done' : 'pending'} (re-wrapped to version ${ring.rewrapped[h]})`),
  ];
}
