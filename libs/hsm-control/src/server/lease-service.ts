import type { NatsConnection } from '@nats-io/transport-node';
import { kvBuckets, KvLease } from '@dew/messaging';
import { instanceNames } from '../names.js';
import { unary, type Admission } from './calls.js';
import type { NodeIdentity } from '../identity.js';

/**
 * TryAcquireLease and ReleaseLease: one KvLease per calling node, on its instance's key, holder its
 * node id (both from its certificate). The lease's revision lives here, so a restarted control
 * plane makes the holder lose the lease once and the nodes take it again after the TTL.
 */
export function leaseService(nc: NatsConnection, admits: Admission | undefined) {
  const leases = new Map<string, KvLease>();
  const keyOf = (c: NodeIdentity) => `${c.instanceId}:${c.nodeId}`;
  const leaseOf = (c: NodeIdentity): KvLease => {
    let lease = leases.get(keyOf(c));
    if (!lease) {
      lease = new KvLease(nc, kvBuckets.hsmLease.name, instanceNames(c.instanceId).leaseKey, c.nodeId, kvBuckets.hsmLease.ttlMs);
      leases.set(keyOf(c), lease);
    }
    return lease;
  };
  return {
    TryAcquireLease: unary(admits, async (caller) => ({ held: await leaseOf(caller).tryAcquire() })),
    ReleaseLease: unary(admits, async (caller) => {
      const lease = leases.get(keyOf(caller));
      leases.delete(keyOf(caller));
      await lease?.release();
      return {};
    }),
  };
}
