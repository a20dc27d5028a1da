import { constants, createHash, privateEncrypt, publicDecrypt, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * RSA signatures over a caller-supplied digest. node:crypto's sign() always hashes its input, so
 * the encodings are built here (RFC 8017 §9.1 EMSA-PSS, §9.2 EMSA-PKCS1-v1_5) and OpenSSL does
 * the RSA operation (privateEncrypt, with blinding and CRT fault checks).
 */
export type RsaHash = 'sha256' | 'sha384' | 'sha512';

const HASH_BYTES: Readonly<Record<RsaHash, number>> = { sha256: 32, sha384: 48, sha512: 64 };

// DER of DigestInfo { AlgorithmIdentifier { hash OID, NULL }, OCTET STRING (digest follows) }.
const DIGEST_INFO: Readonly<Record<RsaHash, Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

const ZEROS_8 = Buffer.alloc(8);

export function pkcs1SignDigest(privateKey: KeyObject, hash: RsaHash, digest: Uint8Array): Buffer {
  return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO[hash], digest]));
}

export function pkcs1VerifyDigest(publicKey: KeyObject, hash: RsaHash, digest: Uint8Array, signature: Uint8Array, modulusBytes: number): boolean {
  if (signature.length !== modulusBytes) return false;
  let recovered: Buffer;
  try {
    recovered = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
  const expected = Buffer.concat([DIGEST_INFO[hash], digest]);
  return recovered.length === expected.length && timingSafeEqual(recovered, expected);
}

function mgf1(hash: RsaHash, seed: Uint8Array, length: number): Buffer {
  const hLen = HASH_BYTES[hash];
  const out = Buffer.allocUnsafe(Math.ceil(length / hLen) * hLen);
  const counter = Buffer.alloc(4);
  for (let i = 0, at = 0; at < length; i++, at += hLen) {
    counter.writeUInt32BE(i);
    createHash(hash).update(seed).update(counter).digest().copy(out, at);
  }
  return out.subarray(0, length);
}

/** EMSA-PSS-ENCODE with salt length = hash length, left-padded with zeros to the modulus length. */
export function pssSignDigest(privateKey: KeyObject, hash: RsaHash, digest: Uint8Array, modulusBits: number): Buffer {
  const hLen = HASH_BYTES[hash];
  const k = Math.ceil(modulusBits / 8);
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (emLen < 2 * hLen + 2) throw new RangeError(`a ${modulusBits}-bit key is too small for PSS with ${hash}`);
  const salt = randomBytes(hLen);
  const h = createHash(hash).update(ZEROS_8).update(digest).update(salt).digest();
  const dbLen = emLen - hLen - 1;
  const block = Buffer.alloc(k);
  const em = block.subarray(k - emLen);
  em[dbLen - hLen - 1] = 0x01;
  salt.copy(em, dbLen - hLen);
  const mask = mgf1(hash, h, dbLen);
  for (let i = 0; i < dbLen; i++) em[i]! ^= mask[i]!;
  em[0]! &= 0xff >> (8 * emLen - emBits);
  h.copy(em, dbLen);
  em[emLen - 1] = 0xbc;
  return privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block);
}

/** RSAVP1 then EMSA-PSS-VERIFY with salt length = hash length. Any malformation → false. */
export function pssVerifyDigest(publicKey: KeyObject, hash: RsaHash, digest: Uint8Array, signature: Uint8Array, modulusBits: number): boolean {
  const hLen = HASH_BYTES[hash];
  const k = Math.ceil(modulusBits / 8);
  if (signature.length !== k) return false;
  let block: Buffer;
  try {
    block = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  const emBits = modulusBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (block.length !== k || emLen < 2 * hLen + 2) return false;
  if (emLen < k && block[0] !== 0) return false;
  const em = block.subarray(k - emLen);
  if (em[emLen - 1] !== 0xbc) return false;
  const dbLen = emLen - hLen - 1;
  const topMask = 0xff >> (8 * emLen - emBits);
  if ((em[0]! & ~topMask) !== 0) return false;
  const h = em.subarray(dbLen, dbLen + hLen);
  const db = mgf1(hash, h, dbLen);
  for (let i = 0; i < dbLen; i++) db[i]! ^= em[i]!;
  db[0]! &= topMask;
  const psLen = dbLen - hLen - 1;
  for (let i = 0; i < psLen; i++) if (db[i] !== 0) return false;
  if (db[psLen] !== 0x01) return false;
  const expected = createHash(hash).update(ZEROS_8).update(digest).update(db.subarray(dbLen - hLen)).digest();
  return timingSafeEqual(expected, h);
}
