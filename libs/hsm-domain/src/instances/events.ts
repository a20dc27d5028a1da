import type { Instant } from '@dew/decider';
import type { HsmAddresses, HsmType, SubnetRange } from '../state/hsm-set.js';

/** Events of an instance's purchase, activation and creation (guide §4.2). Each names the instance by id. */

/** Purchased: Installing until `installDueAt`. */
export interface HsmInstanceCreated {
  readonly type: 'HsmInstanceCreated';
  readonly instanceId: string;
  readonly name: string;
  readonly region: string;
  readonly edition: 'Platinum';
  readonly algorithms: readonly string[];
  readonly certification: string;
  readonly contact: string;
  readonly orderId: string;
  readonly installDueAt: Instant;
  readonly at: Instant;
}
/** Installing → To be activated. */
export interface HsmInstallCompleted {
  readonly type: 'HsmInstallCompleted';
  readonly instanceId: string;
  readonly at: Instant;
}
/**
 * To be activated → Creating; paid until `expiresAt`. `subnet` is the range of the subnet as
 * recorded (on its first use this event records it). `ukey`: the public half of the UKey issued
 * with the activation (the private half is never in an event).
 */
export interface HsmActivated {
  readonly type: 'HsmActivated';
  readonly instanceId: string;
  readonly name: string;
  readonly az: string;
  readonly hsmType: HsmType;
  readonly vpcId: string;
  readonly subnet: SubnetRange;
  readonly securityGroupId: string;
  readonly durationMonths: number;
  readonly autoRenew: boolean;
  readonly expiresAt: Instant;
  readonly ukey: { readonly publicKey: string; readonly fingerprint: string };
  readonly at: Instant;
}
/** Creating → Running: node A, node B and the floating address, taken from the subnet. */
export interface HsmNodesAllocated extends HsmAddresses {
  readonly type: 'HsmNodesAllocated';
  readonly instanceId: string;
  readonly subnetId: string;
  readonly at: Instant;
}
/** Creating → Creation failed; such an instance can only be deleted. */
export interface HsmCreationFailed {
  readonly type: 'HsmCreationFailed';
  readonly instanceId: string;
  readonly cause: string;
  readonly at: Instant;
}
/** The instance goes; `addresses` (if it had any) are free again and its nodes are stopped. */
export interface HsmDeleted {
  readonly type: 'HsmDeleted';
  readonly instanceId: string;
  readonly name: string;
  readonly addresses: HsmAddresses | null;
  readonly at: Instant;
}

export type HsmInstanceEvent = HsmInstanceCreated | HsmInstallCompleted | HsmActivated | HsmNodesAllocated | HsmCreationFailed | HsmDeleted;
