import { constants, publicEncrypt } from 'node:crypto';
import { SshKeyProblem } from './problems.js';
import { nodeKey, pkcs8Pem } from './testing/node-keys.js';
import { decryptWindowsPassword, unpadPkcs1Type2 } from './windows-password.js';

/** PKCS#1 v1.5 type 2 blocks (docs/ssh-keys.md, "Formats") of a 256-byte modulus, made by hand to break one rule each. */
function block(ps: number[], message: number[], head = [0x00, 0x02]): Uint8Array {
  const filler = Array.from({ length: 256 - head.length - ps.length - 1 - message.length }, () => 0x5a);
  return Uint8Array.from([...head, ...filler, ...ps, 0x00, ...message]);
}

describe('unpadPkcs1Type2', () => {
  it('gives the message after the first zero byte', () => {
    expect(unpadPkcs1Type2(block([1, 2, 3], [0x68, 0x00, 0x69]))).toEqual(Uint8Array.from([0x68, 0x00, 0x69]));
  });

  it('accepts exactly 8 padding bytes and an empty message', () => {
    const eight = Uint8Array.from([0, 2, 1, 2, 3, 4, 5, 6, 7, 8, 0]);
    expect(unpadPkcs1Type2(eight)).toEqual(new Uint8Array(0));
  });

  it.each([
    ['a first byte that is not 0', block([], [1], [0x01, 0x02])],
    ['a block type 1 (signatures)', block([], [1], [0x00, 0x01])],
    ['no zero separator', Uint8Array.from([0, 2, ...Array.from({ length: 254 }, () => 0x33)])],
    ['7 padding bytes', Uint8Array.from([0, 2, 1, 2, 3, 4, 5, 6, 7, 0, 0x41])],
    ['a separator right after the type', Uint8Array.from([0, 2, 0, ...Array.from({ length: 253 }, () => 0x33)])],
    ['nothing at all', new Uint8Array(0)],
  ])('refuses %s', (_name, encoded) => {
    expect(unpadPkcs1Type2(encoded)).toBeUndefined();
  });
});

describe('decryptWindowsPassword', () => {
  const privateKey = (): string => pkcs8Pem(nodeKey('rsa2048').privateKey);
  const encrypt = (bytes: Buffer, key = nodeKey('rsa2048').publicKey, padding = constants.RSA_PKCS1_PADDING): string =>
    publicEncrypt({ key, padding }, bytes).toString('base64');
  const password = 'Pässwörd-🔑-123!';

  it('decrypts a password encrypted with PKCS#1 v1.5 padding to the key pair, UTF-8 included', () => {
    expect(decryptWindowsPassword(privateKey(), encrypt(Buffer.from(password)))).toBe(password);
  });

  it('accepts base64 wrapped over several lines', () => {
    const wrapped = encrypt(Buffer.from(password)).replace(/(.{64})/g, '$1\n');
    expect(decryptWindowsPassword(privateKey(), wrapped)).toBe(password);
  });

  const badCiphertexts: [string, () => string][] = [
    ['a tampered ciphertext', () => {
      const bytes = Buffer.from(encrypt(Buffer.from(password)), 'base64');
      bytes[100]! ^= 0x40;
      return bytes.toString('base64');
    }],
    ['a ciphertext for another key of the same size', () => encrypt(Buffer.from(password), nodeKey('anotherRsa2048').publicKey)],
    ['a ciphertext for a smaller key', () => encrypt(Buffer.from(password), nodeKey('rsa1024').publicKey)],
    ['an OAEP ciphertext', () => encrypt(Buffer.from(password), nodeKey('rsa2048').publicKey, constants.RSA_PKCS1_OAEP_PADDING)],
    ['a ciphertext one byte short', () => Buffer.from(encrypt(Buffer.from(password)), 'base64').subarray(1).toString('base64')],
    ['a value of the modulus size above the modulus', () => Buffer.alloc(256, 0xff).toString('base64')],
    ['text that is not base64', () => '%%%%'],
    ['a message that is not UTF-8', () => encrypt(Buffer.of(0xff, 0xfe, 0x41))],
  ];

  it.each(badCiphertexts)('refuses %s with one BAD_CIPHERTEXT message for all', (_name, ciphertext) => {
    const attempt = (): string => decryptWindowsPassword(privateKey(), ciphertext());
    expect(attempt).toThrow(SshKeyProblem);
    expect(attempt).toThrow(expect.objectContaining({ code: 'BAD_CIPHERTEXT', message: 'the encrypted password cannot be decrypted with this private key' }));
  });

  it('refuses a key that is not RSA with TYPE_MISMATCH', () => {
    expect(() => decryptWindowsPassword(pkcs8Pem(nodeKey('ed25519').privateKey), encrypt(Buffer.from(password)))).toThrow(
      expect.objectContaining({ code: 'TYPE_MISMATCH', message: 'Windows passwords are encrypted to RSA keys, this key is ssh-ed25519' }),
    );
  });
});
