/**
 * Where DEW connects: an IPv4 or IPv6 literal, or a host name (RFC 1123 labels, at most 253
 * characters). A host name whose last label is all digits is refused, so `10.0.0.256` is neither
 * an address nor a name (RFC 3696 §2: top-level labels are never all-numeric).
 */

export const HOST_NAME_MAX = 253;

const IPV4_PART = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
const LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const DIGITS = /^[0-9]+$/;

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => IPV4_PART.test(p));
}

/** The 16-bit groups a run of IPv6 text stands for, or undefined; a trailing dotted IPv4 counts as two. */
function ipv6Groups(run: string, mayEndInIpv4: boolean): number | undefined {
  if (run === '') return 0;
  const groups = run.split(':');
  const last = groups[groups.length - 1] ?? '';
  const tail = mayEndInIpv4 && isIpv4(last) ? 2 : undefined;
  const hex = tail === undefined ? groups : groups.slice(0, -1);
  if (!hex.every((g) => IPV6_GROUP.test(g))) return undefined;
  return hex.length + (tail ?? 0);
}

export function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const [head = '', tail] = halves;
  if (tail === undefined) return ipv6Groups(head, true) === 8;
  const before = ipv6Groups(head, false);
  const after = ipv6Groups(tail, true);
  return before !== undefined && after !== undefined && before + after <= 7;
}

export function isIpLiteral(text: string): boolean {
  return isIpv4(text) || isIpv6(text);
}

export function isHostName(text: string): boolean {
  if (text.length === 0 || text.length > HOST_NAME_MAX) return false;
  const labels = text.split('.');
  return labels.every((l) => LABEL.test(l)) && !DIGITS.test(labels[labels.length - 1] ?? '');
}
