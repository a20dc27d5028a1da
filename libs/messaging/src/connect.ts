import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface NatsSettings {
  readonly servers: string;
  readonly user?: string;
  readonly pass?: string;
  readonly name: string;
}

/** Connects with the service's own NATS user; reconnects forever (NATS restarts are survivable). */
export function connectNats(s: NatsSettings): Promise<NatsConnection> {
  return connect({
    servers: s.servers.split(','),
    name: s.name,
    ...(s.user ? { user: s.user, pass: s.pass ?? '' } : {}),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
}
