import type { HsmInstance, HsmSet, SubnetRange } from './hsm-set.js';

/** Reads of the instance set shared by every feature. */

export function findInstance(state: HsmSet, instanceId: string): HsmInstance | undefined {
  return state.instances.get(instanceId);
}

export function instanceNamed(state: HsmSet, name: string): HsmInstance | undefined {
  for (const instance of state.instances.values()) if (instance.name === name) return instance;
  return undefined;
}

/** What the instance quota counts: every instance not deleted. */
export function instanceCount(state: HsmSet): number {
  return state.instances.size;
}

/** Addresses held in `subnetId` by the project's instances. */
export function addressesInUse(state: HsmSet, subnetId: string): Set<string> {
  const used = new Set<string>();
  for (const instance of state.instances.values()) {
    if (instance.activation?.subnetId !== subnetId || !instance.addresses) continue;
    used.add(instance.addresses.nodeA).add(instance.addresses.nodeB).add(instance.addresses.floating);
  }
  return used;
}

export function subnetOf(state: HsmSet, subnetId: string): SubnetRange | undefined {
  return state.subnets.get(subnetId);
}

/** The prefixes (`127.x.y`) the project's subnets already hold. */
export function prefixesInUse(state: HsmSet): Set<string> {
  return new Set([...state.subnets.values()].map((s) => s.prefix));
}

/** Instances ordered by creation, then id: the list's order. */
export function instancesInOrder(state: HsmSet): HsmInstance[] {
  return [...state.instances.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
