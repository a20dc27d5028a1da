import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP relay that can stop forwarding without closing anything: a peer that no longer answers. */
export interface PausableProxy {
  /** `127.0.0.1:<port>` to give clients instead of the target. */
  readonly address: string;
  pause(): void;
  /** Forwards what arrived meanwhile, in order, and forwards again. */
  resume(): void;
  close(): Promise<void>;
}

export async function startPausableProxy(target: string): Promise<PausableProxy> {
  const [host, port] = [target.slice(0, target.lastIndexOf(':')), Number(target.slice(target.lastIndexOf(':') + 1))];
  const sockets = new Set<Socket>();
  let held: (() => void)[] | undefined;
  const forward = (from: Socket, to: Socket): void => {
    from.on('data', (d: Buffer) => (held ? held.push(() => to.write(d)) : to.write(d)));
    from.on('close', () => to.destroy());
    from.on('error', () => to.destroy());
  };
  const server = createServer((inbound) => {
    const outbound = connect(port, host);
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    forward(inbound, outbound);
    forward(outbound, inbound);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    pause: () => { held ??= []; },
    resume: () => {
      const queued = held ?? [];
      held = undefined;
      for (const write of queued) write();
    },
    close: () => new Promise<void>((closed) => {
      for (const s of sockets) s.destroy();
      server.close(() => closed());
    }),
  };
}
