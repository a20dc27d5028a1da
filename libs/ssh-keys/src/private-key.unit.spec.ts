import type { KeyObject } from 'node:crypto';
import { MAX_PRIVATE_KEY_CHARS, parseMatchingPrivateKey, parsePrivateKey, privateKeyMatches } from './private-key.js';
import { SshKeyProblem, type SshKeyProblemCode } from './problems.js';
import { publicBlobOf } from './key-object.js';
import { publicKeyFromBlob } from './public-key.js';
import { nodeKey, pkcs8Pem, type NodeKeyName } from './testing/node-keys.js';

const pem = (key: KeyObject, type: 'pkcs1' | 'sec1' | 'pkcs8'): string => key.export({ type, format: 'pem' }).toString();
const publicKeyOf = (name: NodeKeyName) => publicKeyFromBlob(publicBlobOf(nodeKey(name).publicKey));

function problemOf(text: string): SshKeyProblem {
  try {
    parsePrivateKey(text);
  } catch (error) {
    if (error instanceof SshKeyProblem) return error;
    throw error;
  }
  throw new Error('parsePrivateKey accepted the key');
}

describe('parsePrivateKey reads PEM private keys', () => {
  const cases: [string, NodeKeyName, 'pkcs1' | 'sec1' | 'pkcs8', string, number][] = [
    ['PKCS#1 RSA', 'rsa2048', 'pkcs1', 'SSH_RSA_2048', 2048],
    ['PKCS#8 RSA', 'rsa2048', 'pkcs8', 'SSH_RSA_2048', 2048],
    ['SEC1 P-256', 'p256', 'sec1', 'SSH_ECDSA_P256', 256],
    ['PKCS#8 P-384', 'p384', 'pkcs8', 'SSH_ECDSA_P384', 384],
    ['SEC1 P-521', 'p521', 'sec1', 'SSH_ECDSA_P521', 521],
    ['PKCS#8 Ed25519', 'ed25519', 'pkcs8', 'SSH_ED25519', 256],
    ['PKCS#8 DSA', 'dsa1024', 'pkcs8', 'SSH_DSA_1024', 1024],
  ];

  it.each(cases)('a %s key reads as the same key, its algorithm and size, with no comment', (_name, key, type, algorithm, bits) => {
    const { privateKey, publicKey } = nodeKey(key);
    const parsed = parsePrivateKey(pem(privateKey, type));
    expect(parsed.publicKey).toMatchObject({ algorithm, bits, comment: '' });
    expect(parsed.keyObject.equals(privateKey)).toBe(true);
    expect(parsed.publicKey.blob).toEqual(publicBlobOf(publicKey));
  });

  it('ignores whitespace around the block and CRLF line ends', () => {
    const text = `\n  ${pkcs8Pem(nodeKey('ed25519').privateKey).replace(/\n/g, '\r\n')}  \n`;
    expect(parsePrivateKey(text).keyObject.equals(nodeKey('ed25519').privateKey)).toBe(true);
  });
});

describe('parsePrivateKey refusals', () => {
  const garbagePkcs8 = (): string => `-----BEGIN PRIVATE KEY-----\n${Buffer.alloc(48, 7).toString('base64')}\n-----END PRIVATE KEY-----\n`;
  const cases: [string, SshKeyProblemCode, RegExp, () => string][] = [
    ['a text over 16 KiB', 'TOO_LONG', /private key of 16385 characters: KPS accepts at most 16384/, () => 'x'.repeat(MAX_PRIVATE_KEY_CHARS + 1)],
    ['plain text', 'NOT_A_PRIVATE_KEY', /not a private key: KPS reads OpenSSH .* and PEM/, () => 'hello'],
    ['an OpenSSH public key line', 'NOT_A_PRIVATE_KEY', /not a private key/, () => publicKeyOf('ed25519').openssh],
    ['a PEM public key', 'NOT_A_PRIVATE_KEY', /a PUBLIC KEY block is not a private key/, () => nodeKey('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()],
    ['a PRIVATE KEY block holding no key', 'NOT_A_PRIVATE_KEY', /the PRIVATE KEY block is not a readable private key/, garbagePkcs8],
    ['an encrypted PKCS#8 key', 'ENCRYPTED_PRIVATE_KEY', /encrypted private key: KPS has no passphrase/, () =>
      nodeKey('p256').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString()],
    ['an encrypted PKCS#1 key', 'ENCRYPTED_PRIVATE_KEY', /encrypted private key/, () =>
      nodeKey('rsa2048').privateKey.export({ type: 'pkcs1', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' }).toString()],
    ['two PEM blocks', 'BAD_FORMAT', /must be the whole text/, () => `${pkcs8Pem(nodeKey('ed25519').privateKey)}${pkcs8Pem(nodeKey('p256').privateKey)}`],
    ['an Ed448 key', 'UNKNOWN_TYPE', /"ed448" key: KPS accepts RSA, ECDSA \(P-256, P-384, P-521\), Ed25519 and DSA keys/, () => pkcs8Pem(nodeKey('ed448').privateKey)],
    ['a secp256k1 key', 'UNKNOWN_TYPE', /EC key on the curve "secp256k1": KPS accepts P-256, P-384 and P-521/, () => pem(nodeKey('secp256k1').privateKey, 'sec1')],
    ['an RSA key of 1024 bits', 'UNSUPPORTED_SIZE', /ssh-rsa key of 1024 bits: KPS accepts 2048, 3072 or 4096/, () => pem(nodeKey('rsa1024').privateKey, 'pkcs1')],
  ];

  it.each(cases)('refuses %s with %s, without quoting the key', (_name, code, message, input) => {
    const text = input();
    const problem = problemOf(text);
    expect(problem).toMatchObject({ code, message: expect.stringMatching(message) });
    for (const bodyLine of text.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'))) {
      expect(problem.message).not.toContain(bodyLine.slice(0, 16));
    }
  });
});

describe('privateKeyMatches', () => {
  it('is true for the public key of the same key, whatever its comment', () => {
    const publicKey = publicKeyFromBlob(publicBlobOf(nodeKey('p256').publicKey), 'some comment');
    expect(privateKeyMatches(pem(nodeKey('p256').privateKey, 'sec1'), publicKey)).toBe(true);
  });

  it('is false for another key of the same type and for a key of another type', () => {
    const text = pem(nodeKey('p256').privateKey, 'sec1');
    expect(privateKeyMatches(text, publicKeyOf('anotherP256'))).toBe(false);
    expect(privateKeyMatches(text, publicKeyOf('ed25519'))).toBe(false);
  });

  it('parseMatchingPrivateKey refuses another key with KEY_MISMATCH naming both fingerprints', () => {
    const expected = publicKeyOf('p256');
    const other = parsePrivateKey(pkcs8Pem(nodeKey('ed25519').privateKey)).publicKey;
    expect(() => parseMatchingPrivateKey(pkcs8Pem(nodeKey('ed25519').privateKey), expected)).toThrow(
      `the private key (${other.fingerprintSha256}) does not belong to the public key ${expected.fingerprintSha256}`,
    );
    expect(parseMatchingPrivateKey(pkcs8Pem(nodeKey('p256').privateKey), expected).publicKey.blob).toEqual(expected.blob);
  });
});
