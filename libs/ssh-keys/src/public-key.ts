import { createPublicKey } from 'node:crypto';
import { canonicalBase64, firstBadChar, quote } from '@dew/contracts';
import {
  DSA_BITS,
  RSA_MODULUS_BITS,
  SSH_KEY_TYPES,
  ecdsaCurveOfType,
  isSshKeyType,
  rsaAlgorithm,
  type EcdsaCurve,
  type SshAlgorithm,
  type SshKeyType,
} from './algorithms.js';
import { fingerprintMd5, fingerprintSha256 } from './fingerprint.js';
import { SshKeyProblem, oneOf, quoteName } from './problems.js';
import { SshReader, bitLength, toBigInt } from './wire.js';

export interface SshPublicKey {
  readonly type: SshKeyType;
  readonly algorithm: SshAlgorithm;
  readonly bits: number;
  /** The key data: what the fingerprints hash and `openssh` shows in base64. */
  readonly blob: Buffer;
  /** '' when the key has none. */
  readonly comment: string;
  /** "type base64", then " comment" when there is one: an authorized_keys line. */
  readonly openssh: string;
  /** As `ssh-keygen -l -E md5` prints it without "MD5:": "aa:bb:…". */
  readonly fingerprintMd5: string;
  /** As `ssh-keygen -l` prints it: "SHA256:…". */
  readonly fingerprintSha256: string;
}

/** The longest public key line KPS reads, in characters (docs/ssh-keys.md). */
export const MAX_PUBLIC_KEY_CHARS = 16 * 1024;

const ACCEPTED = oneOf(SSH_KEY_TYPES);

/** One OpenSSH public key line, "type base64 [comment]", surrounding whitespace ignored. */
export function parsePublicKey(text: string): SshPublicKey {
  if (text.length > MAX_PUBLIC_KEY_CHARS) {
    throw new SshKeyProblem('TOO_LONG', `public key of ${text.length} characters: KPS accepts at most ${MAX_PUBLIC_KEY_CHARS}`);
  }
  const line = text.trim();
  if (line.startsWith('-----BEGIN')) {
    throw new SshKeyProblem('BAD_FORMAT', 'a PEM block is not an OpenSSH public key: KPS takes one line "type base64 [comment]"');
  }
  const lines = line.split(/\r\n|\r|\n/).length;
  if (lines > 1) throw new SshKeyProblem('BAD_FORMAT', `public key of ${lines} lines: KPS takes one key on one line`);
  const fields = /^([^ \t]*)(?:[ \t]+([^ \t]+))?(?:[ \t]+(.*))?$/s.exec(line);
  const type = fields?.[1] ?? '';
  if (type === '') throw new SshKeyProblem('BAD_FORMAT', 'the public key is empty');
  if (!isSshKeyType(type)) throw new SshKeyProblem('UNKNOWN_TYPE', `key type ${quoteName(type)}: KPS accepts ${ACCEPTED}`);
  const data = fields?.[2];
  if (data === undefined) throw new SshKeyProblem('BAD_FORMAT', `no key data after the type ${type}`);
  return publicKeyFromBlob(decodeKeyData(data), fields?.[3]?.trim() ?? '', type);
}

function decodeKeyData(data: string): Buffer {
  const blob = canonicalBase64(data);
  if (blob) return blob;
  const bad = firstBadChar(data, /[A-Za-z0-9+/=]/);
  const why = bad
    ? `character ${quote(bad.char)} at position ${bad.position}`
    : data.length % 4 !== 0
      ? `${data.length} characters, not a multiple of 4`
      : 'the = padding is misplaced or the bits it pads are not zero';
  throw new SshKeyProblem('BAD_BASE64', `key data is not base64 (standard alphabet, padded with =): ${why}`);
}

/**
 * Validates key data (docs/ssh-keys.md, "Formats" and "Public keys") and describes it. With
 * `expectedType`, the type inside the data must be that one.
 */
export function publicKeyFromBlob(blob: Buffer, comment = '', expectedType?: SshKeyType): SshPublicKey {
  checkComment(comment);
  const reader = new SshReader(blob, 'key data');
  const type = reader.text('the key type');
  if (expectedType !== undefined && type !== expectedType) {
    throw new SshKeyProblem('TYPE_MISMATCH', `key type ${expectedType} but its key data holds a key of type ${quoteName(type)}`);
  }
  if (!isSshKeyType(type)) throw new SshKeyProblem('UNKNOWN_TYPE', `key data of type ${quoteName(type)}: KPS accepts ${ACCEPTED}`);
  const { algorithm, bits } = readKeyFields(type, reader);
  const base64 = blob.toString('base64');
  return {
    type,
    algorithm,
    bits,
    blob,
    comment,
    openssh: comment === '' ? `${type} ${base64}` : `${type} ${base64} ${comment}`,
    fingerprintMd5: fingerprintMd5(blob),
    fingerprintSha256: fingerprintSha256(blob),
  };
}

/** The comment ends the line, so it may hold no line break or other control character but a tab. */
function checkComment(comment: string): void {
  const bad = firstBadChar(comment, /[^\u0000-\u0008\u000a-\u001f\u007f]/);
  if (bad) {
    const code = bad.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new SshKeyProblem('BAD_FORMAT', `the comment holds the control character U+${code} at position ${bad.position}`);
  }
}

interface KeyFields {
  readonly algorithm: SshAlgorithm;
  readonly bits: number;
}

function readKeyFields(type: SshKeyType, reader: SshReader): KeyFields {
  switch (type) {
    case 'ssh-rsa':
      return readRsa(reader);
    case 'ssh-dss':
      return readDsa(reader);
    case 'ssh-ed25519':
      return readEd25519(reader);
    default:
      return readEcdsa(ecdsaCurveOfType(type)!, reader);
  }
}

function readRsa(reader: SshReader): KeyFields {
  const e = reader.mpint('the RSA public exponent e');
  const n = reader.mpint('the RSA modulus n');
  reader.end();
  const bits = bitLength(n);
  const algorithm = rsaAlgorithm(bits);
  if (!algorithm) {
    throw new SshKeyProblem('UNSUPPORTED_SIZE', `ssh-rsa key of ${bits} bits: KPS accepts ${oneOf(RSA_MODULUS_BITS)}`);
  }
  if (bitLength(e) < 2 || !(e[e.length - 1]! & 1)) {
    const shown = e.length <= 8 ? `e = ${BigInt(`0x${e.toString('hex') || '0'}`)}` : `e of ${bitLength(e)} bits`;
    throw new SshKeyProblem('BAD_INTEGER', `ssh-rsa key with the public exponent ${shown}: it must be odd and at least 3`);
  }
  if (!(n[n.length - 1]! & 1)) throw new SshKeyProblem('BAD_INTEGER', 'ssh-rsa key with an even modulus n');
  return { algorithm, bits };
}

function readDsa(reader: SshReader): KeyFields {
  const p = reader.mpint('the DSA prime p');
  const q = reader.mpint('the DSA subgroup order q');
  const g = reader.mpint('the DSA generator g');
  const y = reader.mpint('the DSA public value y');
  reader.end();
  const pBits = bitLength(p);
  const qBits = bitLength(q);
  if (pBits !== DSA_BITS.p || qBits !== DSA_BITS.q) {
    throw new SshKeyProblem(
      'UNSUPPORTED_SIZE',
      `ssh-dss key with p of ${pBits} bits and q of ${qBits} bits: KPS accepts p of ${DSA_BITS.p} and q of ${DSA_BITS.q} bits`,
    );
  }
  const pValue = toBigInt(p);
  for (const [name, value] of [['g', g], ['y', y]] as const) {
    const v = toBigInt(value);
    if (v < 2n || v >= pValue) throw new SshKeyProblem('BAD_INTEGER', `ssh-dss key whose ${name} is not between 2 and p - 1`);
  }
  return { algorithm: 'SSH_DSA_1024', bits: pBits };
}

const ED25519_KEY_BYTES = 32;

function readEd25519(reader: SshReader): KeyFields {
  const key = reader.string('the Ed25519 public key');
  reader.end();
  if (key.length !== ED25519_KEY_BYTES) {
    throw new SshKeyProblem('UNSUPPORTED_SIZE', `ssh-ed25519 key of ${key.length} bytes: an Ed25519 key is ${ED25519_KEY_BYTES} bytes`);
  }
  return { algorithm: 'SSH_ED25519', bits: 256 };
}

function readEcdsa(curve: EcdsaCurve, reader: SshReader): KeyFields {
  const name = reader.text('the curve name');
  if (name !== curve.sshName) {
    throw new SshKeyProblem('TYPE_MISMATCH', `${curve.type} key data names the curve ${quoteName(name)}, not ${curve.sshName}`);
  }
  const point = reader.string('the curve point Q');
  reader.end();
  const uncompressedLength = 1 + 2 * curve.fieldBytes;
  if (point.length !== uncompressedLength || point[0] !== 0x04) {
    const first = point.length > 0 ? `0x${point[0]!.toString(16).padStart(2, '0')}` : 'nothing';
    throw new SshKeyProblem(
      'BAD_CURVE_POINT',
      `${curve.type} point of ${point.length} bytes starting with ${first}: KPS accepts the uncompressed form, 0x04 and ${uncompressedLength - 1} bytes`,
    );
  }
  try {
    createPublicKey({
      key: {
        kty: 'EC',
        crv: curve.jwkName,
        x: point.subarray(1, 1 + curve.fieldBytes).toString('base64url'),
        y: point.subarray(1 + curve.fieldBytes).toString('base64url'),
      },
      format: 'jwk',
    });
  } catch {
    throw new SshKeyProblem('BAD_CURVE_POINT', `${curve.type} point is not on the curve ${curve.jwkName}`);
  }
  return { algorithm: curve.algorithm, bits: curve.bits };
}
