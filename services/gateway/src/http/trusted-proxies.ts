import { isIP } from 'node:net';

/**
 * DEW_TRUSTED_PROXIES: comma-separated IPs or CIDRs of the reverse proxies in front of the gateway
 * (docs/bus-security.md). Only a request arriving from one of them has its X-Forwarded-For
 * believed; otherwise the socket address is the source the audit trail and failure limits use.
 * Unset or empty: no proxy is trusted (Fastify's `trustProxy: false`).
 */
export function trustedProxies(value: string | undefined): string[] | false {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    if (!isAddressOrCidr(entry)) throw new Error(`DEW_TRUSTED_PROXIES: "${entry}" is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8)`);
  }
  return entries.length > 0 ? entries : false;
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}
