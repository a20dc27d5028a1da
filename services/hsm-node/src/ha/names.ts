import { kvBuckets, streams } from '@dew/messaging';

/**
 * Where a node keeps its instance's shared data (docs/hsm-appliance.md "NATS"): buckets and a
 * stream common to all instances, the instance a key prefix or a subject token, because NATS grants
 * name whole subject tokens and the `hsm-node` user can only be given fixed names.
 */
export function instanceNames(instanceId: string) {
  return {
    leaseBucket: kvBuckets.hsmLease.name,
    leaseKey: instanceId,
    stateBucket: kvBuckets.hsmState.name,
    stateKeyPrefix: `${instanceId}.`,
    mirrorStream: streams.hsmMirror.name,
    mirrorStreamSubjects: streams.hsmMirror.subjects,
    mirrorSubject: `hsm.${instanceId}.mirror`,
  } as const;
}

export type NodeId = 'a' | 'b';

export const peerOf = (id: NodeId): NodeId => (id === 'a' ? 'b' : 'a');
