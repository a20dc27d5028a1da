import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC for generate-mac / verify-mac (docs/api-decisions.md, "MAC keys"): Huawei's mac_algorithm
 * values, each fitting exactly one HMAC key spec.
 */
export const MAC_ALGORITHMS = {
  HMAC_SHA_256: { digest: 'sha256', keySpec: 'HMAC_256' },
  HMAC_SHA_384: { digest: 'sha384', keySpec: 'HMAC_384' },
  HMAC_SHA_512: { digest: 'sha512', keySpec: 'HMAC_512' },
  HMAC_SM3: { digest: 'sm3', keySpec: 'HMAC_SM3' },
} as const;
export type MacAlgorithm = keyof typeof MAC_ALGORITHMS;

export function isMacAlgorithm(value: string): value is MacAlgorithm {
  return Object.hasOwn(MAC_ALGORITHMS, value);
}

export function computeMac(material: Uint8Array, algorithm: MacAlgorithm, message: Uint8Array): Buffer {
  return createHmac(MAC_ALGORITHMS[algorithm].digest, material).update(message).digest();
}

/** Whether `mac` is the MAC of `message`; compared in constant time (a wrong length is simply false). */
export function verifyMac(material: Uint8Array, algorithm: MacAlgorithm, message: Uint8Array, mac: Uint8Array): boolean {
  const expected = computeMac(material, algorithm, message);
  const sameLength = expected.length === mac.length;
  return timingSafeEqual(expected, sameLength ? mac : expected) && sameLength;
}
