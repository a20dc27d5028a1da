import { HsmInstanceIdTaken, HsmNameTaken, HsmQuotaReached, HsmStepNotDue, DhsmFieldInvalid, quote } from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { assertNever } from '@dew/decider';
import {
  CERTIFICATION, DURATION_MONTHS, EDITION, EDITION_ALGORITHMS, HSM_QUOTA, defaultInstanceName, validateAz, validateContact, validateEdition,
  validateHsmType, validateInstanceName, validateNetworkId, validateRegion,
} from '../rules/fields.js';
import { addMonths, isoOf } from '../rules/months.js';
import { cidrOf, freeAddresses, rangeForSubnet, validateSubnetHosts } from '../rules/subnets.js';
import { checkedBoolean, checkedInteger } from '../rules/text.js';
import { validateIssuedUkey } from '../rules/ukey.js';
import { requireStatus } from '../state/guards.js';
import type { HsmSet } from '../state/hsm-set.js';
import { addressesInUse, findInstance, instanceCount, instanceNamed, prefixesInUse, subnetOf } from '../state/queries.js';
import type { HsmInstanceEvent } from './events.js';

/** How long an install takes, and how long creation takes after activation (guide §4.2.2: "5 to 10 minutes"). */
export const INSTALL_MS = 10 * 60_000;
export const CREATION_MS = 5 * 60_000;

/** A purchase (guide §4.2.1): the service chose the id and the order id. */
export interface CreateHsmInstance {
  readonly type: 'CreateHsmInstance';
  readonly instanceId: string;
  readonly orderId: string;
  readonly region: string;
  /** Only Platinum is sold; absent means Platinum. */
  readonly edition?: string;
  readonly contact: string;
  readonly now: Instant;
}
/** The scheduler's: the install is done. */
export interface CompleteHsmInstall {
  readonly type: 'CompleteHsmInstall';
  readonly instanceId: string;
  readonly now: Instant;
}
/** Guide table 4-3, with the duration and auto-renewal of the platinum edition. */
export interface ActivateHsmInstance {
  readonly type: 'ActivateHsmInstance';
  readonly instanceId: string;
  readonly az: string;
  readonly name: string;
  readonly hsmType: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly securityGroupId: string;
  readonly durationMonths: number;
  readonly autoRenew: boolean;
  /** Usable hosts of a subnet seen for the first time (service configuration). */
  readonly subnetHosts: number;
  /**
   * The loopback ranges (`127.x.y`) other projects' subnets hold: a new subnet's range skips them
   * too, so no two instances anywhere share an address (docs/hsm.md, "Addresses").
   */
  readonly prefixesElsewhere: ReadonlySet<string>;
  /** The UKey the service generated for this activation (its public half). */
  readonly ukey: { readonly publicKey: string; readonly fingerprint: string };
  readonly now: Instant;
}
/** The scheduler's: creation is due; takes three addresses or fails for want of them. */
export interface AllocateHsmNodes {
  readonly type: 'AllocateHsmNodes';
  readonly instanceId: string;
  readonly now: Instant;
}
/** The service could not bring the instance up (its nodes did not start). */
export interface FailHsmCreation {
  readonly type: 'FailHsmCreation';
  readonly instanceId: string;
  readonly cause: string;
  readonly now: Instant;
}
export interface DeleteHsmInstance {
  readonly type: 'DeleteHsmInstance';
  readonly instanceId: string;
  readonly now: Instant;
}

export type HsmInstanceCommand = CreateHsmInstance | CompleteHsmInstall | ActivateHsmInstance | AllocateHsmNodes | FailHsmCreation | DeleteHsmInstance;

function createInstance(state: HsmSet, cmd: CreateHsmInstance): HsmInstanceEvent[] {
  const region = validateRegion(cmd.region);
  const edition = validateEdition(cmd.edition ?? EDITION);
  const contact = validateContact(cmd.contact);
  if (findInstance(state, cmd.instanceId)) throw HsmInstanceIdTaken(cmd.instanceId);
  const count = instanceCount(state);
  if (count >= HSM_QUOTA) throw HsmQuotaReached(HSM_QUOTA, count);
  const name = defaultInstanceName(cmd.instanceId, state.created + 1);
  return [{
    type: 'HsmInstanceCreated', instanceId: cmd.instanceId, name, region, edition, algorithms: EDITION_ALGORITHMS, certification: CERTIFICATION,
    contact, orderId: cmd.orderId, installDueAt: cmd.now + INSTALL_MS, at: cmd.now,
  }];
}

function completeInstall(state: HsmSet, cmd: CompleteHsmInstall): HsmInstanceEvent[] {
  const instance = requireStatus(state, cmd.instanceId, 'completing the install', ['Installing']);
  if (cmd.now < instance.installDueAt) throw HsmStepNotDue(instance.id, 'completing the install', isoOf(instance.installDueAt));
  return [{ type: 'HsmInstallCompleted', instanceId: instance.id, at: cmd.now }];
}

function activate(state: HsmSet, cmd: ActivateHsmInstance): HsmInstanceEvent[] {
  const fields = {
    az: validateAz(cmd.az),
    name: validateInstanceName(cmd.name),
    hsmType: validateHsmType(cmd.hsmType),
    vpcId: validateNetworkId('vpc_id', cmd.vpcId),
    subnetId: validateNetworkId('subnet_id', cmd.subnetId),
    securityGroupId: validateNetworkId('security_group_id', cmd.securityGroupId),
    durationMonths: checkedInteger('period_num', cmd.durationMonths, DURATION_MONTHS.min, DURATION_MONTHS.max),
    autoRenew: checkedBoolean('auto_renew', cmd.autoRenew),
  };
  const ukey = validateIssuedUkey(cmd.ukey);
  const instance = requireStatus(state, cmd.instanceId, 'activation', ['To be activated']);
  const holder = instanceNamed(state, fields.name);
  if (holder && holder.id !== instance.id) throw HsmNameTaken(fields.name, holder.id);
  const subnet = subnetOf(state, fields.subnetId) ?? rangeForSubnet(state.projectId, fields.subnetId, validateSubnetHosts(cmd.subnetHosts), new Set([...prefixesInUse(state), ...cmd.prefixesElsewhere]));
  return [{
    type: 'HsmActivated', instanceId: instance.id, name: fields.name, az: fields.az, hsmType: fields.hsmType, vpcId: fields.vpcId, subnet,
    securityGroupId: fields.securityGroupId, durationMonths: fields.durationMonths, autoRenew: fields.autoRenew,
    expiresAt: addMonths(cmd.now, fields.durationMonths), ukey, at: cmd.now,
  }];
}

function allocate(state: HsmSet, cmd: AllocateHsmNodes): HsmInstanceEvent[] {
  const instance = requireStatus(state, cmd.instanceId, 'allocating nodes', ['Creating']);
  const activation = instance.activation;
  if (!activation) throw new Error(`instance ${instance.id} is Creating without an activation`);
  const dueAt = activation.activatedAt + CREATION_MS;
  if (cmd.now < dueAt) throw HsmStepNotDue(instance.id, 'allocating nodes', isoOf(dueAt));
  const subnet = subnetOf(state, activation.subnetId);
  if (!subnet) throw new Error(`subnet ${activation.subnetId} of instance ${instance.id} was never recorded`);
  const inUse = addressesInUse(state, subnet.subnetId);
  const addresses = freeAddresses(subnet, inUse);
  if (!addresses) {
    const cause = `no free addresses in subnet ${quote(subnet.subnetId)} (${cidrOf(subnet)}): ${inUse.size} of ${subnet.hosts} usable addresses in use, 3 needed`;
    return [{ type: 'HsmCreationFailed', instanceId: instance.id, cause, at: cmd.now }];
  }
  return [{ type: 'HsmNodesAllocated', instanceId: instance.id, subnetId: subnet.subnetId, ...addresses, at: cmd.now }];
}

function failCreation(state: HsmSet, cmd: FailHsmCreation): HsmInstanceEvent[] {
  if (typeof cmd.cause !== 'string' || cmd.cause.length === 0) throw DhsmFieldInvalid('cause', 'be a non-empty string');
  const instance = requireStatus(state, cmd.instanceId, 'failing creation', ['Creating', 'Running']);
  return [{ type: 'HsmCreationFailed', instanceId: instance.id, cause: cmd.cause, at: cmd.now }];
}

function deleteInstance(state: HsmSet, cmd: DeleteHsmInstance): HsmInstanceEvent[] {
  // Installing and Creating have work under way (the scheduler's); every settled state can go.
  const instance = requireStatus(state, cmd.instanceId, 'deletion', ['To be activated', 'Creation failed', 'Running', 'Frozen']);
  return [{ type: 'HsmDeleted', instanceId: instance.id, name: instance.name, addresses: instance.addresses, at: cmd.now }];
}

export function decideInstances(state: HsmSet, command: HsmInstanceCommand): readonly HsmInstanceEvent[] {
  switch (command.type) {
    case 'CreateHsmInstance':
      return createInstance(state, command);
    case 'CompleteHsmInstall':
      return completeInstall(state, command);
    case 'ActivateHsmInstance':
      return activate(state, command);
    case 'AllocateHsmNodes':
      return allocate(state, command);
    case 'FailHsmCreation':
      return failCreation(state, command);
    case 'DeleteHsmInstance':
      return deleteInstance(state, command);
    default:
      return assertNever(command);
  }
}
