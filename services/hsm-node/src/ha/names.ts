/**
 * Per-instance JetStream names (docs/hsm-appliance.md "NATS"): a node needs these and nothing else.
 */
export function instanceNames(instanceId: string) {
  return {
    leaseBucket: `HSM_LEASE_${instanceId}`,
    stateBucket: `HSM_STATE_${instanceId}`,
    mirrorStream: `HSM_MIRROR_${instanceId}`,
    mirrorSubject: `hsm.${instanceId}.mirror`,
  } as const;
}

export type NodeId = 'a' | 'b';

export const peerOf = (id: NodeId): NodeId => (id === 'a' ? 'b' : 'a');
