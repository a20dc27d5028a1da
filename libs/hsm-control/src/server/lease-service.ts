import type { NatsConnection } from '@nats-io/transport-node';
import { kvBuckets, KvLease } from '@dew/messaging';
import { instanceNames } from '../names.js';
import { unary, type Admission, type Caller } from './calls.js';

/**
 * TryAcquireLease and ReleaseLease: one KvLease per run of a node (its certificate: instance, node
 * and serial), on its instance's key, holder `<node>@<serial>`. The lease's revision lives here, so
 * a restarted control plane makes the holder lose the lease once and the nodes take it again after
 * the TTL. Keyed by the serial, not the node id: a node killed and relaunched is a new run that
 * must wait for the lease to lapse like the standby, not inherit the dead run's revision (which
 * would let it renew the lease at once and keep the standby out).
 */
export function leaseService(nc: NatsConnection, admits: Admission | undefined) {
  const leases = new Map<string, { serial: string; lease: KvLease }>();
  const nodeKey = (c: Caller) => `${c.instanceId}:${c.nodeId}`;
  const leaseOf = (c: Caller): KvLease => {
    const held = leases.get(nodeKey(c));
    if (held?.serial === c.serial) return held.lease;
    const lease = new KvLease(nc, kvBuckets.hsmLease.name, instanceNames(c.instanceId).leaseKey, `${c.nodeId}@${c.serial}`, kvBuckets.hsmLease.ttlMs);
    leases.set(nodeKey(c), { serial: c.serial, lease });
    return lease;
  };
  return {
    TryAcquireLease: unary(admits, async (caller) => ({ held: await leaseOf(caller).tryAcquire() })),
    ReleaseLease: unary(admits, async (caller) => {
      const held = leases.get(nodeKey(caller));
      if (held?.serial !== caller.serial) return {};
      leases.delete(nodeKey(caller));
      await held.lease.release();
      return {};
    }),
  };
}
