import { kvBuckets, streams } from '@dew/messaging';

/**
 * Where the control plane keeps an instance's shared data (docs/hsm-appliance.md "Control plane"):
 * buckets and a stream common to all instances, the instance a key prefix or a subject token.
 * Only the control plane uses these names, always with the instance of the caller's certificate.
 */
export function instanceNames(instanceId: string) {
  return {
    leaseBucket: kvBuckets.hsmLease.name,
    leaseKey: instanceId,
    stateBucket: kvBuckets.hsmState.name,
    stateKeyPrefix: `${instanceId}.`,
    mirrorStream: streams.hsmMirror.name,
    mirrorSubject: `hsm.${instanceId}.mirror`,
  } as const;
}
