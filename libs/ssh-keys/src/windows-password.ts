import { constants, privateDecrypt } from 'node:crypto';
import { canonicalBase64 } from '@dew/contracts';
import { parsePrivateKey } from './private-key.js';
import { SshKeyProblem } from './problems.js';

/**
 * A Windows instance's password, which the instance encrypted to the key pair's RSA public key with
 * PKCS#1 v1.5 padding (docs/ssh-keys.md, "Windows passwords"). Node 20 refuses that padding in privateDecrypt (the Marvin
 * attack), so the raw RSA result is unpadded here, the checks folded together without branching on
 * secret bytes, and every failure is the same BAD_CIPHERTEXT: no padding oracle.
 */
export function decryptWindowsPassword(privateKeyText: string, encryptedBase64: string): string {
  const { publicKey, keyObject } = parsePrivateKey(privateKeyText);
  if (publicKey.type !== 'ssh-rsa') {
    throw new SshKeyProblem('TYPE_MISMATCH', `Windows passwords are encrypted to RSA keys, this key is ${publicKey.type}`);
  }
  // The line breaks of a wrapped ciphertext carry nothing.
  const ciphertext = canonicalBase64(encryptedBase64.replace(/\s+/g, ''));
  if (!ciphertext || ciphertext.length !== Math.ceil(publicKey.bits / 8)) throw badCiphertext();
  let encoded: Buffer;
  try {
    encoded = privateDecrypt({ key: keyObject, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    throw badCiphertext();
  }
  try {
    const message = unpadPkcs1Type2(encoded);
    const password = message && utf8(message);
    if (password === undefined) throw badCiphertext();
    return password;
  } finally {
    encoded.fill(0);
  }
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** PKCS#1 v1.5 type 2 is 0x00 0x02 PS 0x00 M, where PS holds at least 8 non-zero bytes. */
const MIN_PADDING_BYTES = 8;

/**
 * M, or undefined when `encoded` is not such a block. Every byte is visited and the verdict is one
 * bit folded from all checks; only the final answer branches.
 */
export function unpadPkcs1Type2(encoded: Uint8Array): Uint8Array | undefined {
  let good = isZero(encoded[0] ?? 1) & isZero((encoded[1] ?? 0) ^ 0x02);
  let found = 0;
  let separator = 0;
  for (let i = 2; i < encoded.length; i++) {
    const zero = isZero(encoded[i]!);
    const first = zero & (found ^ 1);
    separator |= -first & i;
    found |= zero;
  }
  good &= found & atLeast(separator, 2 + MIN_PADDING_BYTES);
  return good === 1 ? encoded.subarray(separator + 1) : undefined;
}

/** 1 when the byte is 0, else 0. */
function isZero(byte: number): number {
  return ((byte - 1) >>> 31) & 1;
}

/** 1 when a ≥ b, for non-negative a and b below 2^31. */
function atLeast(a: number, b: number): number {
  return ((a - b) >>> 31) ^ 1;
}

function badCiphertext(): SshKeyProblem {
  return new SshKeyProblem('BAD_CIPHERTEXT', 'the encrypted password cannot be decrypted with this private key');
}
