import { BlockList, isIP } from 'node:net';

/**
 * Special-purpose ranges of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890
 * and updates) that are not globally reachable unicast, plus multicast and reserved space
 * (docs/api-decisions.md, "Secret events"). A webhook may only reach a global unicast address.
 */
export const SPECIAL_IPV4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (CGN)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
  ['192.0.2.0', 24], // TEST-NET-1
  ['192.88.99.0', 24], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // TEST-NET-2
  ['203.0.113.0', 24], // TEST-NET-3
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the limited broadcast 255.255.255.255
];

/** IPv6 global unicast is 2000::/3 (RFC 4291); everything outside it (::, ::1, ::ffff:0:0/96, ::/96, 64:ff9b::/96, 64:ff9b:1::/48, 100::/64, fc00::/7, fe80::/10, fec0::/10, ff00::/8, ...) is refused. */
export const GLOBAL_IPV6: readonly [string, number] = ['2000::', 3];

/** Special-purpose ranges inside 2000::/3. */
export const SPECIAL_IPV6: ReadonlyArray<readonly [string, number]> = [
  ['2001::', 23], // IETF protocol assignments (Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID, ...)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4 (embeds any IPv4 address)
  ['3fff::', 20], // documentation (RFC 9637)
];

const special4 = new BlockList();
for (const [net, bits] of SPECIAL_IPV4) special4.addSubnet(net, bits, 'ipv4');
const global6 = new BlockList();
global6.addSubnet(GLOBAL_IPV6[0], GLOBAL_IPV6[1], 'ipv6');
const special6 = new BlockList();
for (const [net, bits] of SPECIAL_IPV6) special6.addSubnet(net, bits, 'ipv6');

/** Whether `address` (a literal IPv4 or IPv6 address) is global unicast; anything else, including a non-address, is not. */
export function isGlobalUnicast(address: string): boolean {
  switch (isIP(address)) {
    case 4:
      return !special4.check(address, 'ipv4');
    case 6:
      return global6.check(address, 'ipv6') && !special6.check(address, 'ipv6');
    default:
      return false;
  }
}
