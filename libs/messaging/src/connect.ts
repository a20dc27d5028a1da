import { connect, type NatsConnection } from '@nats-io/transport-node';
import { inboxPrefixOf } from './permissions.js';

export interface NatsSettings {
  readonly servers: string;
  readonly user?: string;
  readonly pass?: string;
  readonly name: string;
  /** Whose private inbox the connection uses on a server without users (tests); else `user`'s. */
  readonly actsAs?: string;
}

/**
 * Connects with the process's own NATS user and its private inbox prefix (replies to it can be
 * read by nobody else); reconnects forever (NATS restarts are survivable).
 */
export function connectNats(s: NatsSettings): Promise<NatsConnection> {
  return connect({
    servers: s.servers.split(','),
    name: s.name,
    inboxPrefix: inboxPrefixOf(s.user ?? s.actsAs ?? 'anonymous'),
    ...(s.user ? { user: s.user, pass: s.pass ?? '' } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // Without this the client builds two Error objects (stack traces included) for every request
    // it sends, in case it fails: 15-20 % of the gateway's CPU under load (docs/performance.md).
    noAsyncTraces: true,
  });
}
