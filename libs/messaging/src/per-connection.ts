import type { NatsConnection } from '@nats-io/transport-node';

/** `make` called once per connection; the value lives as long as the connection object does. */
export function perConnection<T>(make: (nc: NatsConnection) => T): (nc: NatsConnection) => T {
  const made = new WeakMap<NatsConnection, T>();
  return (nc) => {
    let value = made.get(nc);
    if (value === undefined) {
      value = make(nc);
      made.set(nc, value);
    }
    return value;
  };
}
