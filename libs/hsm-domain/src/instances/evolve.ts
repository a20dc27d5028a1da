import { assertNever } from '@dew/decider';
import { changeInstance, withInstance, withSubnet, withoutInstance, type HsmInstance, type HsmSet } from '../state/hsm-set.js';
import type { HsmActivated, HsmInstanceCreated, HsmInstanceEvent } from './events.js';

function addInstance(state: HsmSet, e: HsmInstanceCreated): HsmSet {
  // A replayed duplicate changes nothing.
  if (state.instances.has(e.instanceId)) return state;
  const instance: HsmInstance = {
    id: e.instanceId, name: e.name, status: 'Installing', region: e.region, edition: e.edition, algorithms: e.algorithms,
    certification: e.certification, contact: e.contact, orderId: e.orderId, createdAt: e.at, installDueAt: e.installDueAt,
    activation: null, addresses: null, ukey: null, failureCause: null, expiresAt: null, updatedAt: e.at,
  };
  return { ...withInstance(state, instance), created: state.created + 1 };
}

/** Activations stored before UKeys were issued carry none (docs/hsm.md, "UKey"): no UKey. */
function legacyUkey(e: HsmActivated): HsmInstance['ukey'] {
  const issued = e.ukey as HsmActivated['ukey'] | undefined;
  return issued ? { ...issued, downloadedAt: null } : null;
}

function activate(state: HsmSet, e: HsmActivated): HsmSet {
  const activation = {
    az: e.az, hsmType: e.hsmType, vpcId: e.vpcId, subnetId: e.subnet.subnetId, securityGroupId: e.securityGroupId,
    durationMonths: e.durationMonths, autoRenew: e.autoRenew, activatedAt: e.at,
  };
  const changed = changeInstance(state, e.instanceId, (i) => ({ ...i, name: e.name, status: 'Creating', activation, ukey: legacyUkey(e), expiresAt: e.expiresAt, updatedAt: e.at }));
  return changed === state ? state : withSubnet(changed, e.subnet);
}

export function evolveInstances(state: HsmSet, event: HsmInstanceEvent): HsmSet {
  switch (event.type) {
    case 'HsmInstanceCreated':
      return addInstance(state, event);
    case 'HsmInstallCompleted':
      return changeInstance(state, event.instanceId, (i) => ({ ...i, status: 'To be activated', updatedAt: event.at }));
    case 'HsmActivated':
      return activate(state, event);
    case 'HsmNodesAllocated': {
      const addresses = { nodeA: event.nodeA, nodeB: event.nodeB, floating: event.floating };
      return changeInstance(state, event.instanceId, (i) => ({ ...i, status: 'Running', addresses, updatedAt: event.at }));
    }
    case 'HsmCreationFailed':
      return changeInstance(state, event.instanceId, (i) => ({ ...i, status: 'Creation failed', addresses: null, failureCause: event.cause, updatedAt: event.at }));
    case 'HsmDeleted':
      return withoutInstance(state, event.instanceId);
    default:
      return assertNever(event);
  }
}
