import { randomBytes } from 'node:crypto';

/** 16 random bytes with the top bit clear: a positive INTEGER of RFC 5280's at most 20 octets. */
export function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  return serial;
}

/** A certificate serial in one spelling: lowercase hex without leading zeros (node:tls reports it uppercase). */
export function normalSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+/, '');
}

/** notBefore a little in the past: tolerates small clock differences between issuer and peers. */
export function backdated(now: Date): Date {
  return new Date(now.getTime() - 5 * 60_000);
}
