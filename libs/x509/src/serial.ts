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

// RFC 5280 §4.1.2.2: at most 20 octets.
const SERIAL_HEX = /^[0-9a-f]{1,40}$/;

/**
 * A serial as an administrator may type it (any case; colons and spaces as `openssl x509 -text`
 * prints it) in normal spelling; undefined when it is not a positive serial of at most 20 octets.
 */
export function parseSerial(text: string): string | undefined {
  const hex = text.toLowerCase().replace(/[:\s]/g, '');
  if (!SERIAL_HEX.test(hex)) return undefined;
  const serial = normalSerial(hex);
  return serial === '' ? undefined : serial;
}

/** notBefore a little in the past: tolerates small clock differences between issuer and peers. */
export function backdated(now: Date): Date {
  return new Date(now.getTime() - 5 * 60_000);
}
