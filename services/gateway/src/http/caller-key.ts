import { createHash } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { authorizationOf, headerValue, type HeaderMap } from '@dew/aksk';

/**
 * The credential a request claims, read without a round trip and without checking it: `token:` and
 * the token's digest (the token itself is a secret and is not kept), or `ak:` and the access key of
 * a well-formed SDK-HMAC-SHA256 Authorization header. The token is looked at first, as the
 * authenticator does (auth/authenticator.ts). Anyone can claim anything: docs/input-limits.md,
 * "Connections and work in progress", says what a claim is used for.
 */
export function claimOf(headers: HeaderMap): string | undefined {
  const token = headerValue(headers, 'x-auth-token');
  if (token) return `token:${createHash('sha256').update(token).digest('base64url')}`;
  const parsed = authorizationOf(headers);
  return parsed?.ok ? `ak:${parsed.value.accessKey}` : undefined;
}

/**
 * The source a request is counted under: its address (`req.ip`, so X-Forwarded-For only from
 * DEW_TRUSTED_PROXIES, http/trusted-proxies.ts), an IPv6 address by its /64, the block one host or
 * one customer line is given, so one machine cannot pose as 2^64 sources.
 */
export function sourceOf(ip: string): string {
  if (ip.startsWith('::ffff:') && isIPv4(ip.slice(7))) return ip.slice(7);
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
