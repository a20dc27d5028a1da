import { connect } from 'node:net';

/**
 * The instance's network figures (guide §4.3: network health and latency): the time a TCP
 * connection to the floating address's application port takes, or null when none is accepted
 * within `timeoutMs` (no node serving, or the address unreachable).
 */
export function probeLatencyMs(host: string, port: number, timeoutMs = 2_000): Promise<number | null> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host, port });
    const done = (ms: number | null): void => {
      socket.destroy();
      resolve(ms);
    };
    socket.setTimeout(timeoutMs, () => done(null));
    socket.once('connect', () => done(Math.round((performance.now() - started) * 100) / 100));
    socket.once('error', () => done(null));
  });
}
