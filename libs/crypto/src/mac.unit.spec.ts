import { createHmac, randomBytes } from 'node:crypto';
import { MAC_ALGORITHMS, computeMac, isMacAlgorithm, verifyMac, type MacAlgorithm } from './mac.js';

const ALGORITHMS = Object.keys(MAC_ALGORITHMS) as MacAlgorithm[];

describe('MAC algorithms', () => {
  it('names: Huawei\'s four mac_algorithm values, each fitting one HMAC key spec', () => {
    expect(ALGORITHMS).toEqual(['HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512', 'HMAC_SM3']);
    expect(ALGORITHMS.map((a) => MAC_ALGORITHMS[a].keySpec)).toEqual(['HMAC_256', 'HMAC_384', 'HMAC_512', 'HMAC_SM3']);
    expect(isMacAlgorithm('HMAC_SHA_1')).toBe(false);
    expect(isMacAlgorithm('constructor')).toBe(false);
  });

  it.each(ALGORITHMS)('%s: computeMac equals createHmac of its digest; verifyMac accepts it', (algorithm) => {
    const key = randomBytes(32);
    const message = randomBytes(100);
    const mac = computeMac(key, algorithm, message);
    expect(mac.equals(createHmac(MAC_ALGORITHMS[algorithm].digest, key).update(message).digest())).toBe(true);
    expect(verifyMac(key, algorithm, message, mac)).toBe(true);
  });

  it.each(ALGORITHMS)('%s: a flipped bit, a truncated mac, another message or another key → false', (algorithm) => {
    const key = randomBytes(48);
    const message = Buffer.from('pay 10 to alice');
    const mac = computeMac(key, algorithm, message);
    const flipped = Buffer.from(mac);
    flipped[mac.length - 1]! ^= 0x80;
    expect(verifyMac(key, algorithm, message, flipped)).toBe(false);
    expect(verifyMac(key, algorithm, message, mac.subarray(0, 16))).toBe(false);
    expect(verifyMac(key, algorithm, message, Buffer.alloc(0))).toBe(false);
    expect(verifyMac(key, algorithm, Buffer.from('pay 99 to alice'), mac)).toBe(false);
    expect(verifyMac(randomBytes(48), algorithm, message, mac)).toBe(false);
  });
});
