import type { Instant } from '@dew/decider';

/**
 * The project's Dedicated HSM instances, one event subject: names are unique and the quota is
 * counted per project, and the addresses of every instance in the project's subnets are handed
 * out by one expected-sequence append, so two activations never take the same address
 * (docs/hsm.md, "Addresses").
 */

/** As the console shows them (guide table 4-4). */
export type HsmStatus = 'Installing' | 'To be activated' | 'Creating' | 'Creation failed' | 'Running' | 'Frozen';
export type HsmType = 'Finance' | 'Server' | 'Signature server';

/** What the project chose at activation (guide table 4-3). */
export interface HsmActivation {
  readonly az: string;
  readonly hsmType: HsmType;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly durationMonths: number;
  readonly autoRenew: boolean;
  readonly activatedAt: Instant;
}

/** The three addresses of a running instance, all in its subnet's range. */
export interface HsmAddresses {
  readonly nodeA: string;
  readonly nodeB: string;
  readonly floating: string;
}

/**
 * The administrator's UKey (docs/hsm.md, "UKey"): an Ed25519 key pair issued at activation. Only
 * the public half is state; the private half is sealed by the service until its one download.
 */
export interface HsmUkey {
  readonly publicKey: string;
  /** `SHA256:<base64 of the SPKI DER's digest>`, as the node and the console show it. */
  readonly fingerprint: string;
  /** When the private half was downloaded; null while it waits. */
  readonly downloadedAt: Instant | null;
}

export interface HsmInstance {
  readonly id: string;
  readonly name: string;
  readonly status: HsmStatus;
  readonly region: string;
  readonly edition: 'Platinum';
  readonly algorithms: readonly string[];
  readonly certification: string;
  readonly contact: string;
  readonly orderId: string;
  readonly createdAt: Instant;
  /** When the install completes (the scheduler's step). */
  readonly installDueAt: Instant;
  readonly activation: HsmActivation | null;
  readonly addresses: HsmAddresses | null;
  /** Issued at activation; null before. */
  readonly ukey: HsmUkey | null;
  /** Why creation failed; null otherwise. */
  readonly failureCause: string | null;
  /** Paid until; set at activation. */
  readonly expiresAt: Instant | null;
  readonly updatedAt: Instant;
}

/** A VPC subnet as DEW simulates it: a loopback /24 of its own, `hosts` addresses usable. */
export interface SubnetRange {
  readonly subnetId: string;
  /** `127.x.y`: the /24's first three octets. */
  readonly prefix: string;
  /** Usable hosts `.2` … `.(hosts+1)` (`.1` is the subnet's gateway). */
  readonly hosts: number;
}

export interface HsmSet {
  readonly projectId: string;
  readonly instances: ReadonlyMap<string, HsmInstance>;
  /** Ranges recorded on a subnet's first use, by subnet id. */
  readonly subnets: ReadonlyMap<string, SubnetRange>;
  /** Instances ever created: numbers default names. */
  readonly created: number;
}

export function initialHsmSet(projectId: string): HsmSet {
  return { projectId, instances: new Map(), subnets: new Map(), created: 0 };
}

export function withInstance(state: HsmSet, instance: HsmInstance): HsmSet {
  const instances = new Map(state.instances);
  instances.set(instance.id, instance);
  return { ...state, instances };
}

export function withoutInstance(state: HsmSet, instanceId: string): HsmSet {
  const instances = new Map(state.instances);
  instances.delete(instanceId);
  return { ...state, instances };
}

export function withSubnet(state: HsmSet, subnet: SubnetRange): HsmSet {
  if (state.subnets.has(subnet.subnetId)) return state;
  const subnets = new Map(state.subnets);
  subnets.set(subnet.subnetId, subnet);
  return { ...state, subnets };
}

/** Events are facts already decided: one for an unknown instance is ignored. */
export function changeInstance(state: HsmSet, instanceId: string, change: (instance: HsmInstance) => HsmInstance): HsmSet {
  const instance = state.instances.get(instanceId);
  return instance ? withInstance(state, change(instance)) : state;
}
