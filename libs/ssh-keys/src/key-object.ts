import { createPublicKey, type KeyObject } from 'node:crypto';
import { ECDSA_CURVES, type EcdsaCurve } from './algorithms.js';
import { DerReader } from './der.js';
import { SshKeyProblem, quoteName } from './problems.js';
import { SshWriter } from './wire.js';

/** The SSH key data of a node:crypto key, public or private (then of its public half). */
export function publicBlobOf(key: KeyObject): Buffer {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  switch (publicKey.asymmetricKeyType) {
    case 'rsa': {
      const { n, e } = publicKey.export({ format: 'jwk' });
      return new SshWriter().string('ssh-rsa').mpint(fromJwk(e)).mpint(fromJwk(n)).toBuffer();
    }
    case 'ec': {
      const curve = curveOf(publicKey);
      const { x, y } = publicKey.export({ format: 'jwk' });
      return new SshWriter().string(curve.type).string(curve.sshName).string(uncompressedPoint(fromJwk(x), fromJwk(y))).toBuffer();
    }
    case 'ed25519':
      return new SshWriter().string('ssh-ed25519').string(fromJwk(publicKey.export({ format: 'jwk' }).x)).toBuffer();
    case 'dsa':
      return dsaBlob(publicKey);
    default:
      throw new SshKeyProblem(
        'UNKNOWN_TYPE',
        `${quoteName(publicKey.asymmetricKeyType ?? 'unknown')} key: KPS accepts RSA, ECDSA (P-256, P-384, P-521), Ed25519 and DSA keys`,
      );
  }
}

export function curveOf(key: KeyObject): EcdsaCurve {
  const name = key.asymmetricKeyDetails?.namedCurve ?? 'unnamed';
  const curve = ECDSA_CURVES.find((c) => c.nodeName === name);
  if (!curve) throw new SshKeyProblem('UNKNOWN_TYPE', `EC key on the curve ${quoteName(name)}: KPS accepts P-256, P-384 and P-521`);
  return curve;
}

export function uncompressedPoint(x: Buffer, y: Buffer): Buffer {
  return Buffer.concat([Buffer.of(0x04), x, y]);
}

export function fromJwk(value: string | undefined): Buffer {
  if (value === undefined) throw new Error('internal: node:crypto exported a JWK without a required member');
  return Buffer.from(value, 'base64url');
}

/** SubjectPublicKeyInfo { AlgorithmIdentifier { dsa, Dss-Parms { p, q, g } }, BIT STRING { INTEGER y } }. */
function dsaBlob(publicKey: KeyObject): Buffer {
  const spki = new DerReader(publicKey.export({ type: 'spki', format: 'der' })).sequence();
  const algorithm = spki.sequence();
  algorithm.skip();
  const params = algorithm.sequence();
  const [p, q, g] = [params.integer(), params.integer(), params.integer()];
  const y = new DerReader(spki.bitString()).integer();
  return new SshWriter().string('ssh-dss').mpint(p).mpint(q).mpint(g).mpint(y).toBuffer();
}
