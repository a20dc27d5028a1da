import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpBackend {
  readonly host: string;
  readonly port: number;
}

/**
 * Bounds of the front, which runs in the runner beside the supervisor: each client connection
 * costs two descriptors there, so a flood must not leave it unable to restart a process or open
 * a log. The idle bound is above the gateway's own keep-alive (it closes idle connections first).
 */
export const TCP_FRONT_LIMITS: TcpFrontLimits = { maxConnections: 1024, idleMs: 120_000 };

export interface TcpFrontLimits {
  readonly maxConnections: number;
  readonly idleMs: number;
}

export interface TcpFront {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Cluster mode's stand-in for a Kubernetes Service in front of the gateway replicas
 * (docs/architecture.md, "Cluster mode"): each client connection goes to the next backend in
 * turn, and one that refuses the connection (its replica is down or restarting) is skipped for
 * the next. Bytes are piped as they are (TLS included); a replica that dies takes only the
 * connections it held, whose requests in flight fail as a pod's would.
 */
export async function startTcpFront(host: string, port: number, backends: readonly TcpBackend[], onError: (err: Error) => void = () => undefined, limits: TcpFrontLimits = TCP_FRONT_LIMITS): Promise<TcpFront> {
  let next = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    client.setTimeout(limits.idleMs, () => client.destroy());
    client.pause();
    const first = next;
    next = (next + 1) % backends.length;
    const attempt = (tried: number): void => {
      const backend = backends[(first + tried) % backends.length];
      if (!backend || tried >= backends.length) return void client.destroy();
      let connected = false;
      const upstream = connect({ host: backend.host, port: backend.port });
      sockets.add(upstream);
      upstream.once('close', () => sockets.delete(upstream));
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else attempt(tried + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  // Connections beyond the bound are refused at accept (the client sees its connection closed).
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => resolve());
  });
  // After listening, an error (descriptors exhausted at accept…) is reported, never thrown into the runner.
  server.on('error', onError);
  const address = server.address();
  return {
    port: address !== null && typeof address === 'object' ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
