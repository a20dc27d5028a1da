import type { HsmDetail, HsmListItem } from '@dew/contracts';
import { cidrOf, type HsmInstance, type HsmSet } from '@dew/hsm-domain';

/** What DEW's simulated appliance reports as its maker and model (guide table 4-4 columns). */
export const DEVICE_VENDOR = 'DEW';
export const DEVICE_MODEL = 'SoftHSM2 dual-node appliance';
export const BILLING_MODE = 'Yearly/Monthly';

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString());

export function listItem(i: HsmInstance): HsmListItem {
  return {
    id: i.id, name: i.name, status: i.status, edition: i.edition, availability_zone: i.activation?.az ?? null,
    vendor: DEVICE_VENDOR, model: DEVICE_MODEL, ip_address: i.addresses?.floating ?? null, expire_time: iso(i.expiresAt),
  };
}

export function detail(set: HsmSet, i: HsmInstance): HsmDetail {
  const subnet = i.activation ? set.subnets.get(i.activation.subnetId) : undefined;
  return {
    ...listItem(i),
    region: i.region,
    hsm_type: i.activation?.hsmType ?? null,
    vpc_id: i.activation?.vpcId ?? null,
    subnet_id: i.activation?.subnetId ?? null,
    subnet_cidr: subnet ? cidrOf(subnet) : null,
    security_group_id: i.activation?.securityGroupId ?? null,
    create_time: new Date(i.createdAt).toISOString(),
    order_id: i.orderId,
    billing_mode: BILLING_MODE,
    algorithms: i.algorithms,
    certification: i.certification,
    contact: i.contact,
    period_num: i.activation?.durationMonths ?? null,
    auto_renew: i.activation?.autoRenew ?? null,
    node_addresses: i.addresses ? [i.addresses.nodeA, i.addresses.nodeB] : [],
    failure_cause: i.failureCause,
    ukey_fingerprint: i.ukey?.fingerprint ?? null,
    ukey_downloaded: i.ukey?.downloadedAt != null,
  };
}
