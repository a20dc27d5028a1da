import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { ensureStream } from '@dew/event-store';
import { kvBuckets, streams } from '@dew/messaging';

/**
 * The HSM buckets and stream, created when missing (a test NATS) and left as provisioned otherwise
 * (the runner provisions them: docs/bus-security.md "Stream configuration"). Returns the state bucket.
 */
export async function ensureHsmStores(nc: NatsConnection): Promise<KV> {
  await ensureStream(await jetstreamManager(nc), { name: streams.hsmMirror.name, subjects: [...streams.hsmMirror.subjects] });
  await new Kvm(nc).create(kvBuckets.hsmLease.name, { ttl: kvBuckets.hsmLease.ttlMs, history: 1 });
  return new Kvm(nc).create(kvBuckets.hsmState.name, { history: 1 });
}
