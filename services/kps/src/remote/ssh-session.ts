import ssh2 from 'ssh2';
import type { Client as SshClient, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import { formatPublicKey, parsePublicKey, publicKeyOfBlob, samePublicKey, type PublicKey } from './public-key.js';
import { RemoteError } from './remote-failure.js';
import { runCommand, type ExecResult } from './ssh-exec.js';

const { Client, utils } = ssh2;

export type SshCredential =
  | { readonly type: 'password'; readonly password: string }
  /** OpenSSH or PEM text of an unencrypted private key. */
  | { readonly type: 'privateKey'; readonly privateKey: string };

export interface SshTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly credential: SshCredential;
  /** From the TCP connect until login completes. */
  readonly readyTimeoutMs?: number;
  /** "type base64 [comment]". Without it any host key is accepted and reported (trust on first use). */
  readonly pinnedHostKey?: string;
  /**
   * Ends the connection at once when aborted, whatever it is waiting for: no command is sent
   * after it (a task's watchdog, docs/kps.md "Bind tasks").
   */
  readonly signal?: AbortSignal;
  /** How often a silent server is asked whether it is still there; KEEPALIVE_INTERVAL_MS when absent. */
  readonly keepaliveIntervalMs?: number;
}

export interface SshSession {
  /** "host:port", for messages. */
  readonly where: string;
  /** The key the server proved it holds, "type base64". */
  readonly hostKey: string;
  /** Runs `command`, feeds it `stdin` then end-of-file; a non-zero exit is a result, not an error. */
  exec(command: string, stdin?: Uint8Array, timeoutMs?: number): Promise<ExecResult>;
  close(): void;
}

const DEFAULT_READY_TIMEOUT_MS = 10_000;
/**
 * A server that answers none of KEEPALIVE_COUNT_MAX probes sent this far apart is gone (a dropped
 * connection, a host switched off): the connection ends instead of waiting on TCP for minutes.
 */
export const KEEPALIVE_INTERVAL_MS = 5_000;
export const KEEPALIVE_COUNT_MAX = 3;
/** A remote command past this fails the task (docs/kps.md, "Bind tasks": the deadline counts on it). */
export const COMMAND_TIMEOUT_MS = 30_000;

// Offering only the pinned key's algorithms makes a server that holds several host keys present
// the pinned one, instead of another one that would then look like a changed key.
const HOST_KEY_ALGORITHMS: Readonly<Record<string, readonly ServerHostKeyAlgorithm[]>> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-dss': ['ssh-dss'],
};

/** Connects and logs in; rejects with a RemoteError (AUTH_FAILED, UNREACHABLE or HOST_KEY_CHANGED). */
export async function openSshSession(target: SshTarget): Promise<SshSession> {
  const where = `${target.host}:${target.port}`;
  const pinned = target.pinnedHostKey === undefined ? undefined : parsePinnedKey(target.pinnedHostKey);
  const credential = credentialConfig(target.credential, where);
  const hostKeyAlgorithms = pinned === undefined ? undefined : HOST_KEY_ALGORITHMS[pinned.type];
  const readyTimeout = target.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const client = new Client();
  const { signal } = target;
  const outOfTime = (): RemoteError => new RemoteError('UNREACHABLE', `the session with ${where} was ended: the task ran out of time`);
  if (signal?.aborted) throw outOfTime();
  let presented: PublicKey | undefined;
  let hostKeyRefused = false;
  let handshakeDone = false;
  const verifiedKey = (): string | undefined => (handshakeDone && presented ? formatPublicKey(presented) : undefined);

  const classify = (err: Error & { level?: string; code?: string }): RemoteError => {
    if (hostKeyRefused || (pinned && /no matching host key format/i.test(err.message))) {
      return new RemoteError('HOST_KEY_CHANGED', `the host key of ${where} is not the pinned one; nothing was changed`);
    }
    if (err.level === 'client-authentication') {
      return new RemoteError('AUTH_FAILED', `${where} refused the ${credentialName(target.credential)} of user ${target.username}`, verifiedKey());
    }
    if (err.level === 'client-timeout') return new RemoteError('UNREACHABLE', `no SSH login at ${where} within ${readyTimeout} ms`);
    if (err.code !== undefined) return new RemoteError('UNREACHABLE', `${where} is unreachable (${err.code})`);
    return new RemoteError('UNREACHABLE', `the SSH handshake with ${where} failed`);
  };

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: RemoteError): void => {
      if (settled) return;
      settled = true;
      client.end();
      reject(err);
    };
    // Stays attached after login: ssh2 emits errors on the client, and an unheard one would crash
    // the process. Once logged in, a lost connection surfaces as the running command's failure.
    client.on('error', (err) => fail(classify(err)));
    const stop = (): void => {
      client.destroy();
      fail(outOfTime());
    };
    signal?.addEventListener('abort', stop, { once: true });
    client.once('close', () => signal?.removeEventListener('abort', stop));
    client.on('close', () => fail(new RemoteError('UNREACHABLE', `${where} closed the connection before login`)));
    client.on('handshake', () => {
      handshakeDone = true;
    });
    client.once('ready', () => {
      settled = true;
      resolve(sessionOver(client, where, formatPublicKey(presented as PublicKey), signal, outOfTime));
    });
    const config: ConnectConfig = {
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout,
      keepaliveInterval: target.keepaliveIntervalMs ?? KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: KEEPALIVE_COUNT_MAX,
      tryKeyboard: false,
      ...credential,
      ...(hostKeyAlgorithms ? { algorithms: { serverHostKey: [...hostKeyAlgorithms] } } : {}),
      hostVerifier: (blob: Buffer): boolean => {
        presented = publicKeyOfBlob(blob);
        hostKeyRefused = presented === undefined || (pinned !== undefined && !samePublicKey(presented, pinned));
        return !hostKeyRefused;
      },
    };
    try {
      client.connect(config);
    } catch (err) {
      fail(classify(err as Error));
    }
  });
}

function parsePinnedKey(text: string): PublicKey {
  const key = parsePublicKey(text);
  if (key === undefined) throw new RangeError('the pinned host key is not "<type> <base64>" of an SSH public key');
  return key;
}

function credentialName(credential: SshCredential): string {
  return credential.type === 'password' ? 'password' : 'private key';
}

// ssh2 would throw on an unusable key with its own text; this refusal names no key material.
function credentialConfig(credential: SshCredential, where: string): Pick<ConnectConfig, 'password' | 'privateKey'> {
  if (credential.type === 'password') return { password: credential.password };
  const parsed = utils.parseKey(credential.privateKey);
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (first === undefined || first instanceof Error || first.getPrivatePEM() === null) {
    throw new RemoteError('AUTH_FAILED', `the private key for ${where} is not an unencrypted OpenSSH or PEM private key`);
  }
  return { privateKey: credential.privateKey };
}

function sessionOver(client: SshClient, where: string, hostKey: string, signal: AbortSignal | undefined, outOfTime: () => RemoteError): SshSession {
  const failed = (what: string): RemoteError => new RemoteError('REMOTE_COMMAND_FAILED', `${what} on ${where}`, hostKey);
  return {
    where,
    hostKey,
    close: () => client.end(),
    exec: async (command, stdin, timeoutMs = COMMAND_TIMEOUT_MS) => {
      if (signal?.aborted) throw outOfTime();
      try {
        return await runCommand(client, command, stdin, timeoutMs, failed);
      } catch (err) {
        throw signal?.aborted ? outOfTime() : err;
      }
    },
  };
}
