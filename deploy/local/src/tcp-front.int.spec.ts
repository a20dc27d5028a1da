import { connect, createServer, type Server, type Socket } from 'node:net';
import { findFreePort } from '@dew/nats-server';
import { startTcpFront, type TcpFront } from './tcp-front.js';

/** A backend that answers each connection's first bytes with its name. */
async function namedBackend(name: string): Promise<{ server: Server; port: number }> {
  const server = createServer((s) => s.once('data', () => s.end(name)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/** Sends a byte through the front and reads what comes back before the connection closes. */
function ask(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s: Socket = connect({ host: '127.0.0.1', port }, () => s.write('?'));
    let got = '';
    s.on('data', (d) => (got += d.toString()));
    s.on('close', () => resolve(got));
    s.on('error', () => undefined);
  });
}

describe('the gateway front of cluster mode', () => {
  const closers: Array<() => unknown> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('connections go to the backends in turn; a backend that refuses connections is skipped', async () => {
    const a = await namedBackend('a');
    const b = await namedBackend('b');
    const dead = await findFreePort();
    closers.push(() => a.server.close(), () => b.server.close());
    const front: TcpFront = await startTcpFront('127.0.0.1', 0, [{ host: '127.0.0.1', port: a.port }, { host: '127.0.0.1', port: dead }, { host: '127.0.0.1', port: b.port }]);
    closers.push(() => front.close());
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await ask(front.port));
    expect(answers.filter((x) => x === 'a').length).toBeGreaterThan(0);
    expect(answers.filter((x) => x === 'b').length).toBeGreaterThan(0);
    expect(answers.every((x) => x === 'a' || x === 'b')).toBe(true);
  });

  it('beyond its connection bound a new connection is closed unanswered; an idle connection is closed after the idle bound', async () => {
    const held: Socket[] = [];
    const quiet = createServer((s) => held.push(s));
    await new Promise<void>((resolve) => quiet.listen(0, '127.0.0.1', () => resolve()));
    const address = quiet.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    closers.push(() => { for (const s of held) s.destroy(); quiet.close(); });
    const front = await startTcpFront('127.0.0.1', 0, [{ host: '127.0.0.1', port }], () => undefined, { maxConnections: 2, idleMs: 300 });
    closers.push(() => front.close());
    const closed: string[] = [];
    const open = (name: string): Promise<void> => new Promise((resolve) => {
      const s = connect({ host: '127.0.0.1', port: front.port });
      s.on('error', () => undefined);
      s.on('close', () => {
        closed.push(name);
        resolve();
      });
    });
    const first = open('first');
    const second = open('second');
    while (held.length < 2) await new Promise((r) => setTimeout(r, 10));
    // The third is over the bound: closed unanswered while the two held ones are still open.
    await open('third');
    expect(closed).toEqual(['third']);
    // The two held ones say nothing and are closed by the idle bound, not left open for good.
    await Promise.all([first, second]);
    expect(closed.sort()).toEqual(['first', 'second', 'third']);
  });
});
