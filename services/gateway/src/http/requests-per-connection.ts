import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * At most `max` requests per connection: the last answer carries `Connection: close` and the
 * server closes the connection once it is written. Node's own `maxRequestsPerSocket` is not used:
 * it says close but leaves the connection open (until the keep-alive timeout, measured 72 s) and
 * answers every further request there with a bare 503, a 5xx for no fault of the server. Closing
 * also lets cluster mode's TCP front spread a long-lived client over the replicas.
 */
/** The answers that end their connection (the last one it may carry): nothing may keep it open. */
export const lastOnItsConnection = new WeakSet<ServerResponse>();

export function limitRequestsPerConnection(server: Server, max: number): void {
  const served = new WeakMap<Socket, number>();
  // Before Fastify's own listener: a route may answer synchronously (a 404, the in-flight cap's 503),
  // and a header set after the answer was written throws inside the request event, killing the process.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    // A `Connection: close` the application sets makes Node end the connection after this answer.
    if (n >= max && !res.headersSent) {
      res.setHeader('connection', 'close');
      lastOnItsConnection.add(res);
    }
  });
}
