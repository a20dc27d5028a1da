import { timingSafeEqual } from 'node:crypto';

/**
 * AES-GCM (NIST SP 800-38D, 96-bit IV, 128-bit tag) computed here from a block cipher that lives
 * elsewhere: `encryptBlocks` is AES-ECB under a key this process never holds (a PKCS#11 token
 * reached through p11-kit, whose RPC carries CKM_AES_ECB but not CKM_AES_GCM; docs/architecture.md
 * "Where the key's bytes are"). One call per operation encrypts H = E(0¹²⁸) and the counter blocks
 * J0, J0+1, …; the output is byte for byte the token's own CKM_AES_GCM (ciphertext ‖ tag).
 * The process sees H and the keystream of the message at hand, never the key; both are zeroed after use.
 */
export type EncryptBlocks = (blocks: Buffer) => Buffer;

const BLOCK = 16;
export const GCM_IV_BYTES = 12;
export const GCM_TAG_BYTES = 16;

/** ciphertext ‖ tag of `plaintext` under the remote key. */
export function gcmSealOverEcb(encryptBlocks: EncryptBlocks, iv: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const { h, mask, stream } = keystream(encryptBlocks, iv, plaintext.length);
  try {
    const ciphertext = xor(plaintext, stream);
    const tag = xor(ghash(h, aad, ciphertext), mask);
    return Buffer.concat([ciphertext, tag]);
  } finally {
    wipe(h, mask, stream);
  }
}

/** The plaintext of ciphertext ‖ tag, or null when the tag does not match (compared in constant time). */
export function gcmOpenOverEcb(encryptBlocks: EncryptBlocks, iv: Buffer, body: Buffer, aad: Buffer): Buffer | null {
  if (body.length < GCM_TAG_BYTES) return null;
  const ciphertext = body.subarray(0, body.length - GCM_TAG_BYTES);
  const { h, mask, stream } = keystream(encryptBlocks, iv, ciphertext.length);
  try {
    const expected = xor(ghash(h, aad, ciphertext), mask);
    return timingSafeEqual(expected, body.subarray(ciphertext.length)) ? xor(ciphertext, stream) : null;
  } finally {
    wipe(h, mask, stream);
  }
}

function keystream(encryptBlocks: EncryptBlocks, iv: Buffer, length: number): { h: Buffer; mask: Buffer; stream: Buffer } {
  if (iv.length !== GCM_IV_BYTES) throw new RangeError(`the GCM IV is ${GCM_IV_BYTES} bytes, got ${iv.length}`);
  const counters = Math.ceil(length / BLOCK);
  if (counters > 0xffff_fffe) throw new RangeError(`GCM takes at most ${0xffff_fffe * BLOCK} bytes, got ${length}`);
  // Block 0: zero (→ H); block 1: J0 = IV ‖ 1 (→ tag mask); blocks 2…: J0+1, J0+2, … (→ keystream).
  const input = Buffer.alloc((2 + counters) * BLOCK);
  for (let i = 0; i <= counters; i++) {
    iv.copy(input, (1 + i) * BLOCK);
    input.writeUInt32BE(1 + i, (1 + i) * BLOCK + GCM_IV_BYTES);
  }
  const out = encryptBlocks(input);
  if (out.length !== input.length) throw new Error(`the block cipher returned ${out.length} bytes for ${input.length}`);
  return { h: out.subarray(0, BLOCK), mask: out.subarray(BLOCK, 2 * BLOCK), stream: out.subarray(2 * BLOCK, 2 * BLOCK + length) };
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function wipe(...buffers: Buffer[]): void {
  for (const b of buffers) b.fill(0);
}

const R = 0xe1n << 120n;
const MASK128 = (1n << 128n) - 1n;

/** Product in GF(2¹²⁸) with GCM's bit order (SP 800-38D, algorithm 1). */
function gmul(x: bigint, y: bigint): bigint {
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z & MASK128;
}

const toInt = (block: Buffer): bigint => BigInt(`0x${block.toString('hex') || '0'}`);

/** GHASH_H(A, C) with A and C zero-padded to whole blocks and the bit lengths block last. */
function ghash(h: Buffer, aad: Buffer, ciphertext: Buffer): Buffer {
  const hn = toInt(h);
  let y = 0n;
  const absorb = (data: Buffer) => {
    for (let off = 0; off < data.length; off += BLOCK) {
      const block = Buffer.alloc(BLOCK);
      data.copy(block, 0, off, Math.min(off + BLOCK, data.length));
      y = gmul(y ^ toInt(block), hn);
    }
  };
  absorb(aad);
  absorb(ciphertext);
  const lengths = Buffer.alloc(BLOCK);
  lengths.writeBigUInt64BE(BigInt(aad.length) * 8n, 0);
  lengths.writeBigUInt64BE(BigInt(ciphertext.length) * 8n, 8);
  y = gmul(y ^ toInt(lengths), hn);
  return Buffer.from(y.toString(16).padStart(32, '0'), 'hex');
}
