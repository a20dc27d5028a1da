import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** Real key pairs from node:crypto for the specs, made once per test file on first use. */
export type NodeKeyName = 'rsa1024' | 'rsa2048' | 'anotherRsa2048' | 'p256' | 'anotherP256' | 'p384' | 'p521' | 'ed25519' | 'dsa1024' | 'secp256k1' | 'ed448';

const made = new Map<NodeKeyName, { publicKey: KeyObject; privateKey: KeyObject }>();

export function nodeKey(name: NodeKeyName): { publicKey: KeyObject; privateKey: KeyObject } {
  let pair = made.get(name);
  if (!pair) {
    pair = generate(name);
    made.set(name, pair);
  }
  return pair;
}

function generate(name: NodeKeyName): { publicKey: KeyObject; privateKey: KeyObject } {
  switch (name) {
    case 'rsa1024':
      return generateKeyPairSync('rsa', { modulusLength: 1024 });
    case 'rsa2048':
    case 'anotherRsa2048':
      return generateKeyPairSync('rsa', { modulusLength: 2048 });
    case 'p256':
    case 'anotherP256':
      return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    case 'p384':
      return generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    case 'p521':
      return generateKeyPairSync('ec', { namedCurve: 'secp521r1' });
    case 'secp256k1':
      return generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    case 'ed25519':
      return generateKeyPairSync('ed25519');
    case 'ed448':
      return generateKeyPairSync('ed448');
    case 'dsa1024':
      return generateKeyPairSync('dsa', { modulusLength: 1024, divisorLength: 160 });
  }
}

/** A JWK member of a key as bytes. */
export function jwkBytes(key: KeyObject, member: 'n' | 'e' | 'x' | 'y' | 'd'): Buffer {
  const value = key.export({ format: 'jwk' })[member];
  if (typeof value !== 'string') throw new Error(`the key has no JWK member ${member}`);
  return Buffer.from(value, 'base64url');
}

export function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
