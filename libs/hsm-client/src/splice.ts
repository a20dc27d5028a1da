import type { Socket } from 'node:net';

/**
 * Joins two connections byte for byte until either ends; then both are destroyed, since a
 * PKCS#11 remoting session cannot outlive either half (its state lives in the server process).
 * `onClosed` runs once, after both are closed.
 */
export function spliceSockets(a: Socket, b: Socket, onClosed: () => void = () => undefined): void {
  let open = 2;
  const end = (): void => {
    a.destroy();
    b.destroy();
  };
  for (const s of [a, b]) {
    s.once('close', () => {
      end();
      if (--open === 0) onClosed();
    });
    s.on('error', end);
  }
  a.pipe(b);
  b.pipe(a);
}
