import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpBackend {
  readonly host: string;
  readonly port: number;
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
export async function startTcpFront(host: string, port: number, backends: readonly TcpBackend[]): Promise<TcpFront> {
  let next = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => resolve());
  });
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
