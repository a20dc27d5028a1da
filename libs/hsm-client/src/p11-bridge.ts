import { chmod, lstat, unlink } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { HsmEndpoint } from './client.js';
import { Balancer } from './balancer.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './retry.js';
import { spliceSockets } from './splice.js';
import { requireUnixSocketPath, unixSocketAccepts } from './unix-socket.js';

export interface Pkcs11BridgeOptions {
  /** Applications reach the bridge with P11_KIT_SERVER_ADDRESS=unix:path=<socketPath>. */
  readonly socketPath: string;
  /**
   * PKCS#11 ports (an instance's floating address, application port + 2) and the mutual-TLS
   * identity each accepts. Several only for instances that hold the same keys.
   */
  readonly instances: readonly HsmEndpoint[];
  readonly retry?: RetryPolicy;
  readonly cooldownMs?: number;
  readonly connectTimeoutMs?: number;
  /** Hears of each local connection that could not be forwarded (no secrets in the text). */
  readonly onError?: (message: string) => void;
}

export interface Pkcs11Bridge {
  readonly socketPath: string;
  close(): Promise<void>;
}

/**
 * The client side of PKCS#11 remoting (docs/hsm-appliance.md "PKCS#11"): a local unix socket for
 * p11-kit's client module, each connection forwarded over mutual TLS to the instance. A failover
 * in progress (refused, reset, handshake cut) is retried like the SDK's calls; a connection that
 * breaks once forwarded is closed, because its PKCS#11 session lived in the failed node.
 */
export async function startPkcs11Bridge(o: Pkcs11BridgeOptions): Promise<Pkcs11Bridge> {
  requireUnixSocketPath(o.socketPath, 'the bridge socket path');
  if (o.instances.length === 0) throw new Error('the PKCS#11 bridge needs at least one instance address');
  await removeStaleSocket(o.socketPath);
  const balancer = new Balancer(o.instances, o.cooldownMs ?? 1000);
  const retry = o.retry ?? DEFAULT_RETRY;
  const timeoutMs = o.connectTimeoutMs ?? 5000;
  const open = new Set<Socket>();

  const forward = async (local: Socket): Promise<void> => {
    try {
      const remote = await withRetries(retry, async () => {
        const target = balancer.pick();
        try {
          return await connectTls(target, timeoutMs);
        } catch (err) {
          balancer.markDown(target);
          throw err;
        }
      }, undefined, undefined, () => !local.destroyed);
      if (local.destroyed) remote.destroy();
      else spliceSockets(local, remote);
    } catch (err) {
      o.onError?.(`a PKCS#11 connection could not be forwarded: ${(err as Error).message}`);
      local.destroy();
    }
  };

  const server = createServer((local) => {
    open.add(local);
    local.once('close', () => open.delete(local));
    local.on('error', () => local.destroy());
    void forward(local);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // The socket is created inside listen() (a synchronous bind): under this umask it is 0600 from
    // its first moment, so no other local user can connect before the chmod below and borrow the
    // application's mutual-TLS identity.
    const umask = process.umask(0o177);
    try {
      server.listen(o.socketPath, () => resolve());
    } finally {
      process.umask(umask);
    }
  });
  await chmod(o.socketPath, 0o600);
  return {
    socketPath: o.socketPath,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of open) s.destroy();
    }),
  };
}

function connectTls(t: HsmEndpoint, timeoutMs: number): Promise<TLSSocket> {
  const colon = t.address.lastIndexOf(':');
  const host = t.address.slice(0, colon);
  const port = Number(t.address.slice(colon + 1));
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host, port, ca: t.ca, cert: t.cert, key: t.key, timeout: timeoutMs });
    const fail = (err: Error): void => {
      s.destroy();
      reject(err);
    };
    s.once('error', fail);
    s.once('timeout', () => fail(new Error(`no TLS handshake with ${t.address} within ${timeoutMs} ms`)));
    s.once('close', () => reject(new Error(`${t.address} closed the connection during the TLS handshake`)));
    s.once('secureConnect', () => {
      s.off('error', fail);
      s.setTimeout(0);
      resolve(s);
    });
  });
}

/** A socket file left by a bridge that died is replaced; a live one, or any other file, is not. */
async function removeStaleSocket(path: string): Promise<void> {
  const stat = await lstat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (stat === undefined) return;
  if (!stat.isSocket()) throw new Error(`${path} exists and is not a socket: refusing to replace it`);
  if (await unixSocketAccepts(path)) throw new Error(`another process serves ${path}`);
  await unlink(path);
}
