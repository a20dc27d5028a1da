import { DhsmFieldInvalid } from '@dew/contracts';
import type { HsmAddresses, SubnetRange } from '../state/hsm-set.js';

/**
 * A VPC subnet is simulated by a loopback /24 of its own, `127.x.y.0/24` (docs/hsm.md,
 * "Addresses"): every 127/8 address works on Linux without setup. The range is derived from the
 * subnet id and recorded on the subnet's first use; a range another subnet of the project holds
 * is skipped. `.1` is the subnet's gateway, `.2` … `.(hosts+1)` are handed out.
 */

export const SUBNET_HOSTS_MAX = 253;

export function validateSubnetHosts(hosts: number): number {
  if (!Number.isInteger(hosts) || hosts < 1 || hosts > SUBNET_HOSTS_MAX) throw DhsmFieldInvalid('subnet hosts', `be an integer 1..${SUBNET_HOSTS_MAX}`, hosts);
  return hosts;
}

/** FNV-1a, 32 bits: a stable spread of ids over ranges (not a security property). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 254 × 256 ranges: x in 1..254 (127.0.y is the host's own loopback, 127.255 is left alone). */
const RANGES = 254 * 256;

function prefixAt(index: number): string {
  return `127.${1 + Math.floor(index / 256)}.${index % 256}`;
}

/** The range for a subnet not yet recorded: its id's, or the next one no other subnet holds. */
export function rangeForSubnet(projectId: string, subnetId: string, hosts: number, taken: ReadonlySet<string>): SubnetRange {
  const start = fnv1a(`${projectId}/${subnetId}`) % RANGES;
  for (let i = 0; i < RANGES; i++) {
    const prefix = prefixAt((start + i) % RANGES);
    if (!taken.has(prefix)) return { subnetId, prefix, hosts };
  }
  throw new Error('every loopback range is taken');
}

export function cidrOf(subnet: SubnetRange): string {
  return `${subnet.prefix}.0/24`;
}

/** Three free addresses, lowest first (node A, node B, floating), or null when fewer are free. */
export function freeAddresses(subnet: SubnetRange, inUse: ReadonlySet<string>): HsmAddresses | null {
  const free: string[] = [];
  for (let host = 2; host <= subnet.hosts + 1 && free.length < 3; host++) {
    const address = `${subnet.prefix}.${host}`;
    if (!inUse.has(address)) free.push(address);
  }
  const [nodeA, nodeB, floating] = free;
  return nodeA && nodeB && floating ? { nodeA, nodeB, floating } : null;
}
