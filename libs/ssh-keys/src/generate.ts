import { generateKeyPair as generateNodeKeyPair, type KeyObject } from 'node:crypto';
import { ECDSA_CURVES, RSA_MODULUS_BITS, rsaAlgorithm, type SshAlgorithm } from './algorithms.js';
import { publicBlobOf } from './key-object.js';
import { encodeOpensshPrivateKey } from './openssh-private-key.js';
import { SshKeyProblem } from './problems.js';
import { publicKeyFromBlob, type SshPublicKey } from './public-key.js';

export interface GeneratedKeyPair {
  readonly publicKey: SshPublicKey;
  /** openssh-key-v1, unencrypted, as `ssh-keygen` writes it. */
  readonly privateKey: string;
}

/**
 * A new key pair; `comment` (the key pair's name, say) goes into both halves. Asynchronous because
 * RSA-4096 takes about a second, which runs on libuv's pool instead of the event loop.
 */
export async function generateKeyPair(algorithm: SshAlgorithm, comment = ''): Promise<GeneratedKeyPair> {
  const key = await newPrivateKey(algorithm);
  const publicKey = publicKeyFromBlob(publicBlobOf(key), comment);
  return { publicKey, privateKey: encodeOpensshPrivateKey(key, publicKey) };
}

type Done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject) => void;

function newPrivateKey(algorithm: SshAlgorithm): Promise<KeyObject> {
  return new Promise((resolve, reject) => {
    const done: Done = (error, _publicKey, privateKey) => (error ? reject(error) : resolve(privateKey));
    const rsaBits = RSA_MODULUS_BITS.find((bits) => rsaAlgorithm(bits) === algorithm);
    const curve = ECDSA_CURVES.find((c) => c.algorithm === algorithm);
    if (rsaBits !== undefined) generateNodeKeyPair('rsa', { modulusLength: rsaBits, publicExponent: 0x10001 }, done);
    else if (curve) generateNodeKeyPair('ec', { namedCurve: curve.nodeName }, done);
    else if (algorithm === 'SSH_ED25519') generateNodeKeyPair('ed25519', {}, done);
    else reject(new SshKeyProblem('UNKNOWN_TYPE', `KPS does not generate ${algorithm} keys: they can only be imported`));
  });
}
