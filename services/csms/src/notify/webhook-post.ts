import { request as httpRequest, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { DewError } from '@dew/contracts';

/** How a webhook POST may connect: the checked lookup, the address check on connect, and both timeouts. */
export interface PostLimits {
  readonly lookup: LookupFunction;
  /** Why the connected peer address may not be talked to, or null. */
  readonly refusal: (address: string) => DewError | null;
  readonly connectTimeoutMs: number;
  readonly timeoutMs: number;
}

/** The outcome of one POST: the response status, or a refusal by the address policy, or a failure. */
export type PostOutcome = { readonly status: number } | { readonly refused: DewError } | { readonly failed: string };

/**
 * POSTs `body` on a fresh connection (no pooled socket) that resolves the host only through
 * `limits.lookup` and checks the peer address once connected (docs/api-decisions.md, "Secret
 * events"). Redirects are not followed and the response body is discarded.
 */
export function postWebhook(url: string, headers: OutgoingHttpHeaders, body: string, limits: PostLimits): Promise<PostOutcome> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      req.destroy();
      resolve(outcome);
    };
    const req: ClientRequest = request(target, {
      method: 'POST', agent: false, lookup: limits.lookup,
      headers: { ...headers, 'content-length': Buffer.byteLength(body) },
    });
    const overall = setTimeout(() => settle({ failed: `no answer within ${limits.timeoutMs} ms` }), limits.timeoutMs);
    req.on('socket', (socket: Socket) => onConnect(socket, limits, (outcome) => settle(outcome)));
    req.on('response', (res) => {
      res.resume();
      settle({ status: res.statusCode ?? 0 });
    });
    req.on('error', (err) => settle(err instanceof DewError ? { refused: err } : { failed: err.message }));
    req.end(body);
  });
}

/** Enforces the connect timeout and refuses a peer address the policy does not allow. */
function onConnect(socket: Socket, limits: PostLimits, settle: (outcome: PostOutcome) => void): void {
  const connectTimer = setTimeout(() => settle({ failed: `no connection within ${limits.connectTimeoutMs} ms` }), limits.connectTimeoutMs);
  socket.once('close', () => clearTimeout(connectTimer));
  socket.once('connect', () => {
    clearTimeout(connectTimer);
    const peer = socket.remoteAddress ?? '';
    const refusal = isIP(peer) ? limits.refusal(peer) : null;
    if (refusal) settle({ refused: refusal });
  });
}
