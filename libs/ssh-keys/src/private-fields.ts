import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { ecdsaCurveOfType, type SshKeyType } from './algorithms.js';
import { armor } from './armor.js';
import { derInteger, derSequence } from './der.js';
import { curveOf, fromJwk, uncompressedPoint } from './key-object.js';
import { SshKeyProblem } from './problems.js';
import { SshReader, SshWriter, fromBigInt, toBigInt } from './wire.js';

/**
 * The key-specific private fields of openssh-key-v1, after the key type (docs/ssh-keys.md,
 * "Formats"): RSA n e d iqmp p q; ECDSA curve Q d; Ed25519 public(32) seed‖public(64); DSA p q g y x.
 */
export function writePrivateFields(writer: SshWriter, key: KeyObject): void {
  const jwk = key.export({ format: 'jwk' });
  switch (key.asymmetricKeyType) {
    case 'rsa':
      for (const part of [jwk.n, jwk.e, jwk.d, jwk.qi, jwk.p, jwk.q]) writer.mpint(fromJwk(part));
      return;
    case 'ec': {
      const curve = curveOf(key);
      writer.string(curve.sshName).string(uncompressedPoint(fromJwk(jwk.x), fromJwk(jwk.y))).mpint(fromJwk(jwk.d));
      return;
    }
    case 'ed25519': {
      const pub = fromJwk(jwk.x);
      writer.string(pub).string(Buffer.concat([fromJwk(jwk.d), pub]));
      return;
    }
    default:
      throw new Error(`internal: KPS writes no ${key.asymmetricKeyType} private keys`);
  }
}

/**
 * A node:crypto private key from the fields `writePrivateFields` writes. Whether it belongs to the
 * public key stored beside it is the caller's check.
 */
export function readPrivateFields(reader: SshReader, type: SshKeyType): KeyObject {
  switch (type) {
    case 'ssh-rsa':
      return readRsa(reader);
    case 'ssh-dss':
      return readDsa(reader);
    case 'ssh-ed25519':
      return readEd25519(reader);
    default:
      return readEcdsa(reader, type);
  }
}

function readRsa(reader: SshReader): KeyObject {
  const [n, e, d, qi, p, q] = ['n', 'e', 'd', 'iqmp', 'p', 'q'].map((name) => reader.mpint(`the RSA ${name}`)) as [Buffer, Buffer, Buffer, Buffer, Buffer, Buffer];
  const [pValue, qValue, dValue] = [p, q, d].map(toBigInt) as [bigint, bigint, bigint];
  if (pValue < 3n || qValue < 3n) throw new SshKeyProblem('BAD_INTEGER', 'RSA private key with a prime factor below 3');
  // A JWK wants the CRT exponents openssh-key-v1 leaves out (docs/ssh-keys.md, "Formats").
  const dp = fromBigInt(dValue % (pValue - 1n));
  const dq = fromBigInt(dValue % (qValue - 1n));
  return fromJwkKey({ kty: 'RSA', n: b64(n), e: b64(e), d: b64(d), p: b64(p), q: b64(q), dp: b64(dp), dq: b64(dq), qi: b64(qi) }, 'RSA');
}

function readEcdsa(reader: SshReader, type: SshKeyType): KeyObject {
  const curve = ecdsaCurveOfType(type)!;
  const name = reader.text('the curve name');
  if (name !== curve.sshName) throw new SshKeyProblem('TYPE_MISMATCH', `${type} private key on another curve than ${curve.sshName}`);
  const point = reader.string('the curve point Q');
  const d = reader.mpint('the private scalar d');
  if (point.length !== 1 + 2 * curve.fieldBytes || point[0] !== 0x04) {
    throw new SshKeyProblem('BAD_CURVE_POINT', `${type} private key whose public point is not ${curve.jwkName}'s uncompressed form`);
  }
  if (d.length > curve.fieldBytes) throw new SshKeyProblem('BAD_INTEGER', `${type} private key whose scalar is longer than ${curve.fieldBytes} bytes`);
  const x = point.subarray(1, 1 + curve.fieldBytes);
  const y = point.subarray(1 + curve.fieldBytes);
  const padded = Buffer.concat([Buffer.alloc(curve.fieldBytes - d.length), d]);
  return fromJwkKey({ kty: 'EC', crv: curve.jwkName, x: b64(x), y: b64(y), d: b64(padded) }, type);
}

const ED25519_PUBLIC_BYTES = 32;

function readEd25519(reader: SshReader): KeyObject {
  const pub = reader.string('the Ed25519 public key');
  const secret = reader.string('the Ed25519 private key');
  if (pub.length !== ED25519_PUBLIC_BYTES || secret.length !== 2 * ED25519_PUBLIC_BYTES) {
    throw new SshKeyProblem(
      'UNSUPPORTED_SIZE',
      `ssh-ed25519 private key with a public part of ${pub.length} and a private part of ${secret.length} bytes: they are ${ED25519_PUBLIC_BYTES} and ${2 * ED25519_PUBLIC_BYTES}`,
    );
  }
  if (!secret.subarray(ED25519_PUBLIC_BYTES).equals(pub)) {
    throw new SshKeyProblem('KEY_MISMATCH', 'ssh-ed25519 private key whose two copies of the public key differ');
  }
  return fromJwkKey({ kty: 'OKP', crv: 'Ed25519', x: b64(pub), d: b64(secret.subarray(0, ED25519_PUBLIC_BYTES)) }, 'ssh-ed25519');
}

/** node:crypto reads DSA private keys from DER or PEM only; OpenSSL's own sequence is the shortest. */
function readDsa(reader: SshReader): KeyObject {
  const parts = ['p', 'q', 'g', 'y', 'x'].map((name) => reader.mpint(`the DSA ${name}`));
  const der = derSequence(derInteger(Buffer.alloc(0)), ...parts.map(derInteger));
  try {
    return createPrivateKey(armor('DSA PRIVATE KEY', der, 64));
  } catch {
    throw unreadable('ssh-dss');
  } finally {
    der.fill(0);
  }
}

function fromJwkKey(jwk: JsonWebKey, what: string): KeyObject {
  try {
    return createPrivateKey({ key: jwk, format: 'jwk' });
  } catch {
    throw unreadable(what);
  }
}

function unreadable(what: string): SshKeyProblem {
  return new SshKeyProblem('NOT_A_PRIVATE_KEY', `the ${what} private key fields do not form a key`);
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
