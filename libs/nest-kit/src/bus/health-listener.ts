import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from '@nats-io/transport-node';
import { answerWithin } from '../answer-within.js';

/** How long a readiness check waits for the NATS server's answer to a ping. */
export const READY_TIMEOUT_MS = 2000;

/**
 * Kubernetes probes of a bus service (docs/kubernetes.md, "Probes"; DEW_HEALTH_PORT): `GET /health`
 * answers 200 while the process's event loop runs (liveness: a NATS outage must not restart every
 * pod), `GET /ready` answers 200 only while `ready()` holds (readiness: the service's connection
 * reaches its NATS server). Nothing else is served, and no answer carries details.
 */
export async function startHealthListener(host: string, port: number, ready: () => Promise<boolean>): Promise<Server> {
  const server = createServer((req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: body }));
    };
    if (req.method !== 'GET') return send(405, 'method not allowed');
    if (req.url === '/health') return send(200, 'ok');
    if (req.url !== '/ready') return send(404, 'not found');
    ready().then(
      (ok) => send(ok ? 200 : 503, ok ? 'ready' : 'not ready'),
      () => send(503, 'not ready'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  // The probe port never keeps a stopping service alive.
  server.unref();
  return server;
}

export const listeningPort = (server: Server): number => (server.address() as AddressInfo).port;

/** Ready while the connection is open and a ping reaches the server within READY_TIMEOUT_MS. */
export function natsReachable(nc: NatsConnection, timeoutMs = READY_TIMEOUT_MS): () => Promise<boolean> {
  return async () => !nc.isClosed() && answerWithin(nc.flush().then(() => true, () => false), timeoutMs, false);
}
