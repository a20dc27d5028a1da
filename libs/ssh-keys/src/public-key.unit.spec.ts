import { publicBlobOf } from './key-object.js';
import { MAX_PUBLIC_KEY_CHARS, parsePublicKey } from './public-key.js';
import { SshKeyProblem, type SshKeyProblemCode } from './problems.js';
import { jwkBytes, nodeKey, pkcs8Pem } from './testing/node-keys.js';
import { SshReader, SshWriter } from './wire.js';

/** Broken public keys are made from real node:crypto keys, one field changed at a time. */
const line = (type: string, blob: Buffer, comment = ''): string => `${type} ${blob.toString('base64')}${comment ? ` ${comment}` : ''}`;
const blobOf = (name: Parameters<typeof nodeKey>[0]): Buffer => publicBlobOf(nodeKey(name).publicKey);

function rsaBlob(e: Buffer, n: Buffer, raw = false): Buffer {
  const w = new SshWriter().string('ssh-rsa');
  return raw ? w.string(e).string(n).toBuffer() : w.mpint(e).mpint(n).toBuffer();
}
const rsaE = (): Buffer => jwkBytes(nodeKey('rsa2048').publicKey, 'e');
const rsaN = (): Buffer => jwkBytes(nodeKey('rsa2048').publicKey, 'n');

function p256Blob(curveName: string, point: Buffer): Buffer {
  return new SshWriter().string('ecdsa-sha2-nistp256').string(curveName).string(point).toBuffer();
}
const p256X = (): Buffer => jwkBytes(nodeKey('p256').publicKey, 'x');
const p256Y = (): Buffer => jwkBytes(nodeKey('p256').publicKey, 'y');

function dsaFields(): { p: Buffer; q: Buffer; g: Buffer; y: Buffer } {
  const r = new SshReader(blobOf('dsa1024'), 'test');
  r.text('type');
  return { p: r.mpint('p'), q: r.mpint('q'), g: r.mpint('g'), y: r.mpint('y') };
}
function dsaBlob(f: { p: Buffer; q: Buffer; g: Buffer; y: Buffer }): Buffer {
  return new SshWriter().string('ssh-dss').mpint(f.p).mpint(f.q).mpint(f.g).mpint(f.y).toBuffer();
}

function problemOf(text: string): SshKeyProblem {
  try {
    parsePublicKey(text);
  } catch (error) {
    if (error instanceof SshKeyProblem) return error;
    throw error;
  }
  throw new Error('parsePublicKey accepted the key');
}

const ed25519Line = (): string => line('ssh-ed25519', blobOf('ed25519'));

const refusals: [string, SshKeyProblemCode, RegExp, () => string][] = [
  ['a text over 16 KiB', 'TOO_LONG', /public key of 16396 characters: KPS accepts at most 16384/, () => `ssh-ed25519 ${'A'.repeat(MAX_PUBLIC_KEY_CHARS)}`],
  ['an empty text', 'BAD_FORMAT', /empty/, () => ''],
  ['whitespace only', 'BAD_FORMAT', /empty/, () => ' \t\n '],
  ['two keys on two lines', 'BAD_FORMAT', /public key of 2 lines: KPS takes one key on one line/, () => `${ed25519Line()}\n${line('ssh-rsa', blobOf('rsa2048'))}`],
  ['a PEM public key', 'BAD_FORMAT', /a PEM block is not an OpenSSH public key/, () => nodeKey('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()],
  ['a type without key data', 'BAD_FORMAT', /no key data after the type ssh-ed25519/, () => 'ssh-ed25519'],
  ['a comment with a control character', 'BAD_FORMAT', /control character U\+0007 at position 2/, () => `${ed25519Line()} a\u0007b`],
  ['an unknown type', 'UNKNOWN_TYPE', /key type "ssh-foo": KPS accepts ssh-rsa, ssh-dss, ssh-ed25519, ecdsa-sha2-nistp256, ecdsa-sha2-nistp384 or ecdsa-sha2-nistp521/, () => 'ssh-foo AAAA'],
  ['a certificate', 'UNKNOWN_TYPE', /"ssh-ed25519-cert-v01@openssh.com"/, () => line('ssh-ed25519-cert-v01@openssh.com', blobOf('ed25519'))],
  ['a character outside base64', 'BAD_BASE64', /character "!" at position 10/, () => `ssh-ed25519 AAAAC3Nza!1lZDI1NTE5${blobOf('ed25519').toString('base64').slice(20)}`],
  ['base64 cut short', 'BAD_BASE64', /67 characters, not a multiple of 4/, () => ed25519Line().slice(0, -1)],
  ['base64 whose pad bits are not zero', 'BAD_BASE64', /padding is misplaced or the bits it pads are not zero/, () => withPadBitsSet(line('ecdsa-sha2-nistp256', blobOf('p256')))],
  ['key data cut by one byte', 'TRUNCATED', /the Ed25519 public key needs 32 bytes at offset 19, only 31 remain/, () => line('ssh-ed25519', blobOf('ed25519').subarray(0, -1))],
  ['a length field larger than the key', 'TRUNCATED', /the key type needs 4294967295 bytes at offset 4, only 1 remain/, () => line('ssh-ed25519', Buffer.of(0xff, 0xff, 0xff, 0xff, 0x61))],
  ['a byte after the last field', 'TRAILING_DATA', /1 byte follows the last field/, () => line('ssh-ed25519', Buffer.concat([blobOf('ed25519'), Buffer.of(0)]))],
  ['an outer type other than the inner one', 'TYPE_MISMATCH', /key type ssh-rsa but its key data holds a key of type "ssh-ed25519"/, () => line('ssh-rsa', blobOf('ed25519'))],
  ['an ECDSA key naming another curve', 'TYPE_MISMATCH', /ecdsa-sha2-nistp256 key data names the curve "nistp384", not nistp256/, () => line('ecdsa-sha2-nistp256', p256Blob('nistp384', Buffer.concat([Buffer.of(4), p256X(), p256Y()])))],
  ['an RSA key of 1024 bits', 'UNSUPPORTED_SIZE', /ssh-rsa key of 1024 bits: KPS accepts 2048, 3072 or 4096/, () => line('ssh-rsa', blobOf('rsa1024'))],
  ['an Ed25519 key of 31 bytes', 'UNSUPPORTED_SIZE', /ssh-ed25519 key of 31 bytes: an Ed25519 key is 32 bytes/, () => line('ssh-ed25519', new SshWriter().string('ssh-ed25519').string(jwkBytes(nodeKey('ed25519').publicKey, 'x').subarray(1)).toBuffer())],
  ['a DSA key with a q shorter than 160 bits', 'UNSUPPORTED_SIZE', /ssh-dss key with p of 1024 bits and q of \d+ bits: KPS accepts p of 1024 and q of 160 bits/, () => line('ssh-dss', dsaBlob({ ...dsaFields(), q: dsaFields().q.subarray(1) }))],
  ['a negative RSA exponent', 'BAD_INTEGER', /the RSA public exponent e is negative/, () => line('ssh-rsa', rsaBlob(Buffer.of(0x81, 0x00, 0x01), Buffer.concat([Buffer.of(0), rsaN()]), true))],
  ['an RSA modulus with a redundant zero byte', 'BAD_INTEGER', /the RSA modulus n has a redundant leading zero byte/, () => line('ssh-rsa', rsaBlob(rsaE(), Buffer.concat([Buffer.of(0, 0), rsaN()]), true))],
  ['an even RSA exponent', 'BAD_INTEGER', /public exponent e = 65536: it must be odd and at least 3/, () => line('ssh-rsa', rsaBlob(Buffer.of(1, 0, 0), rsaN()))],
  ['an RSA exponent of 1', 'BAD_INTEGER', /public exponent e = 1/, () => line('ssh-rsa', rsaBlob(Buffer.of(1), rsaN()))],
  ['a DSA generator equal to p', 'BAD_INTEGER', /ssh-dss key whose g is not between 2 and p - 1/, () => line('ssh-dss', dsaBlob({ ...dsaFields(), g: dsaFields().p }))],
  ['a compressed ECDSA point', 'BAD_CURVE_POINT', /ecdsa-sha2-nistp256 point of 33 bytes starting with 0x0[23]: KPS accepts the uncompressed form, 0x04 and 64 bytes/, () => line('ecdsa-sha2-nistp256', p256Blob('nistp256', Buffer.concat([Buffer.of(2 + (p256Y().at(-1)! & 1)), p256X()])))],
  ['an ECDSA point off the curve', 'BAD_CURVE_POINT', /ecdsa-sha2-nistp256 point is not on the curve P-256/, () => line('ecdsa-sha2-nistp256', p256Blob('nistp256', Buffer.concat([Buffer.of(4), p256X(), flipLastBit(p256Y())])))],
  ['a P-384-sized point under nistp256', 'BAD_CURVE_POINT', /point of 97 bytes/, () => line('ecdsa-sha2-nistp256', p256Blob('nistp256', Buffer.concat([Buffer.of(4), jwkBytes(nodeKey('p384').publicKey, 'x'), jwkBytes(nodeKey('p384').publicKey, 'y')])))],
];

function flipLastBit(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  copy[copy.length - 1]! ^= 1;
  return copy;
}

/** The character before "=" carries two pad bits; setting one keeps the text base64-shaped. */
function withPadBitsSet(text: string): string {
  const at = text.indexOf('=') - 1;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return `${text.slice(0, at)}${alphabet[alphabet.indexOf(text[at]!) | 1]}${text.slice(at + 1)}`;
}

describe('parsePublicKey refusals', () => {
  it.each(refusals)('refuses %s with %s, naming the problem', (_name, code, message, input) => {
    const problem = problemOf(input());
    expect(problem.code).toBe(code);
    expect(problem.message).toMatch(message);
  });

  it('does not echo a first token that is not shaped like a type name (a pasted secret, say)', () => {
    const secret = pkcs8Pem(nodeKey('ed25519').privateKey).split('\n')[1]!;
    const problem = problemOf(`${secret} AAAA`);
    expect(problem.code).toBe('UNKNOWN_TYPE');
    expect(problem.message).not.toContain(secret.slice(0, 12));
    expect(problem.message).toContain('an unreadable name');
  });

  it('refuses a private key pasted as a public key without quoting it', () => {
    const pem = pkcs8Pem(nodeKey('ed25519').privateKey);
    const problem = problemOf(pem);
    expect(problem.code).toBe('BAD_FORMAT');
    expect(problem.message).not.toContain(pem.split('\n')[1]!.slice(0, 12));
  });
});

describe('parsePublicKey acceptance', () => {
  const cases: [string, Parameters<typeof nodeKey>[0], string, string, number][] = [
    ['RSA 2048', 'rsa2048', 'ssh-rsa', 'SSH_RSA_2048', 2048],
    ['ECDSA P-256', 'p256', 'ecdsa-sha2-nistp256', 'SSH_ECDSA_P256', 256],
    ['ECDSA P-384', 'p384', 'ecdsa-sha2-nistp384', 'SSH_ECDSA_P384', 384],
    ['ECDSA P-521', 'p521', 'ecdsa-sha2-nistp521', 'SSH_ECDSA_P521', 521],
    ['Ed25519', 'ed25519', 'ssh-ed25519', 'SSH_ED25519', 256],
    ['DSA 1024', 'dsa1024', 'ssh-dss', 'SSH_DSA_1024', 1024],
  ];

  it.each(cases)('a node:crypto %s key reads as its type, algorithm and size', (_name, key, type, algorithm, bits) => {
    const parsed = parsePublicKey(line(type, blobOf(key), 'me@host'));
    expect(parsed).toMatchObject({ type, algorithm, bits, comment: 'me@host' });
    expect(parsed.blob).toEqual(blobOf(key));
  });

  it('ignores surrounding whitespace and a final line break, and joins the fields with one space', () => {
    const blob = blobOf('ed25519');
    const parsed = parsePublicKey(` \t ssh-ed25519\t  ${blob.toString('base64')}   my  laptop key \r\n`);
    expect(parsed.comment).toBe('my  laptop key');
    expect(parsed.openssh).toBe(`ssh-ed25519 ${blob.toString('base64')} my  laptop key`);
  });

  it('without a comment, openssh is the type and the key data only', () => {
    const blob = blobOf('ed25519');
    const parsed = parsePublicKey(`ssh-ed25519 ${blob.toString('base64')}`);
    expect(parsed.comment).toBe('');
    expect(parsed.openssh).toBe(`ssh-ed25519 ${blob.toString('base64')}`);
  });

  it('gives different keys different fingerprints, shaped as ssh-keygen prints them', () => {
    const a = parsePublicKey(line('ssh-ed25519', blobOf('ed25519')));
    const b = parsePublicKey(line('ssh-rsa', blobOf('rsa2048')));
    for (const key of [a, b]) {
      expect(key.fingerprintMd5).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
      expect(key.fingerprintSha256).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    }
    expect(a.fingerprintSha256).not.toBe(b.fingerprintSha256);
    expect(a.fingerprintMd5).not.toBe(b.fingerprintMd5);
  });
});
