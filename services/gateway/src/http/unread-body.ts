import type { IncomingMessage } from 'node:http';
import type { FastifyReply } from 'fastify';
import { lastOnItsConnection } from './requests-per-connection.js';

/**
 * How long a connection is kept reading (and dropping) what its client still sends after a
 * refusal that did not read the request (nginx's lingering close): its bytes would otherwise meet
 * a closed socket, and the kernel's reset reach the client before the answer does.
 */
export const LINGER_MS = 2_000;

/**
 * A body refused unread (over the size limit): answered with the connection kept, so Node reads
 * and drops the rest of the body (IncomingMessage's dump) and the client, still sending, reads the
 * 413 rather than a reset (Fastify asks to close, and Node's close after the answer resets a
 * connection whose bytes are still arriving). Bounded: a body not over within LINGER_MS of the
 * answer closes the connection.
 */
export function drainInsteadOfClosing(req: IncomingMessage, reply: FastifyReply): void {
  // The connection's last allowed request closes it all the same (requests-per-connection.ts).
  if (lastOnItsConnection.has(reply.raw)) return;
  reply.removeHeader('connection');
  if (req.complete) return;
  reply.raw.once('finish', () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
    req.once('end', () => clearTimeout(timer));
  });
}
