import { GENERATED_ALGORITHMS, type SshAlgorithm } from './algorithms.js';
import { armor } from './armor.js';
import { generateKeyPair, type GeneratedKeyPair } from './generate.js';
import { parsePrivateKey } from './private-key.js';
import { SshKeyProblem, type SshKeyProblemCode } from './problems.js';
import { jwkBytes, nodeKey } from './testing/node-keys.js';
import { SshReader, SshWriter } from './wire.js';

/**
 * The openssh-key-v1 container as the specs take it apart and put it back together, so one field
 * at a time can be broken. The layout is in docs/ssh-keys.md, "Formats".
 */
interface Container {
  cipher: string;
  kdf: string;
  kdfOptions: Buffer;
  count: number;
  publicBlob: Buffer;
  section: Buffer;
}

const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

function body(text: string): Buffer {
  return Buffer.from(text.trim().split('\n').slice(1, -1).join(''), 'base64');
}

function open(text: string): Container {
  const r = new SshReader(body(text).subarray(MAGIC.length), 'spec');
  return { cipher: r.text('c'), kdf: r.text('k'), kdfOptions: r.string('o'), count: r.uint32('n'), publicBlob: r.string('p'), section: r.string('s') };
}

function close(c: Container, after = Buffer.alloc(0)): string {
  const w = new SshWriter().raw(MAGIC).string(c.cipher).string(c.kdf).string(c.kdfOptions).uint32(c.count).string(c.publicBlob).string(c.section).raw(after);
  return armor('OPENSSH PRIVATE KEY', w.toBuffer(), 70);
}

function edit(text: string, change: (c: Container) => Partial<Container>): string {
  const c = open(text);
  return close({ ...c, ...change(c) });
}

function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at < 0 ? copy.length + at : at]! ^= 0x01;
  return copy;
}

/** A private section written field by field: check numbers, type, fields, comment, padding 1, 2, 3… */
function section(write: (w: SshWriter) => void, comment = ''): Buffer {
  const w = new SshWriter().uint32(7).uint32(7);
  write(w);
  w.string(comment);
  const padding = (8 - (w.length % 8)) % 8;
  return w.raw(Buffer.from(Array.from({ length: padding }, (_, i) => i + 1))).toBuffer();
}

function problemOf(text: string): SshKeyProblem {
  try {
    parsePrivateKey(text);
  } catch (error) {
    if (error instanceof SshKeyProblem) return error;
    throw error;
  }
  throw new Error('parsePrivateKey accepted the key');
}

// The larger RSA sizes take seconds to make and go through the same code: generated-keys.int.spec.ts has them.
const ALGORITHMS = GENERATED_ALGORITHMS.filter((a) => a !== 'SSH_RSA_3072' && a !== 'SSH_RSA_4096');
const pairs = new Map<SshAlgorithm, GeneratedKeyPair>();
const pair = (algorithm: SshAlgorithm): GeneratedKeyPair => pairs.get(algorithm)!;
const COMMENT = 'pair-1';

beforeAll(async () => {
  const made = await Promise.all(ALGORITHMS.map((a) => generateKeyPair(a, COMMENT)));
  ALGORITHMS.forEach((a, i) => pairs.set(a, made[i]!));
}, 60_000);

describe('generateKeyPair writes openssh-key-v1', () => {
  it.each(ALGORITHMS)('%s: reads back as the same key with its comment', (algorithm) => {
    const { publicKey, privateKey } = pair(algorithm);
    const parsed = parsePrivateKey(privateKey);
    expect(parsed.publicKey.algorithm).toBe(algorithm);
    expect(parsed.publicKey.blob).toEqual(publicKey.blob);
    expect(parsed.publicKey.comment).toBe(COMMENT);
    expect(publicKey.openssh).toBe(`${publicKey.type} ${publicKey.blob.toString('base64')} ${COMMENT}`);
  });

  it.each(ALGORITHMS)('%s: unencrypted, one key, equal check numbers, padding 1, 2, 3…, lines of 70', (algorithm) => {
    const text = pair(algorithm).privateKey;
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN OPENSSH PRIVATE KEY-----');
    expect(lines.at(-1)).toBe('-----END OPENSSH PRIVATE KEY-----');
    expect(lines.slice(1, -2).every((l) => l.length === 70)).toBe(true);
    expect(body(text).subarray(0, MAGIC.length)).toEqual(MAGIC);
    const c = open(text);
    expect(c).toMatchObject({ cipher: 'none', kdf: 'none', kdfOptions: Buffer.alloc(0), count: 1, publicBlob: pair(algorithm).publicKey.blob });
    expect(c.section.length % 8).toBe(0);
    expect(c.section.readUInt32BE(0)).toBe(c.section.readUInt32BE(4));
    const tail = c.section.subarray(c.section.lastIndexOf(Buffer.from(COMMENT)) + COMMENT.length);
    expect([...tail]).toEqual(Array.from({ length: tail.length }, (_, i) => i + 1));
  });

  it('draws the check number at random for each key', () => {
    const checks = new Set(ALGORITHMS.map((a) => open(pair(a).privateKey).section.readUInt32BE(0)));
    expect(checks.size).toBeGreaterThan(1);
  });

  it('without a comment writes an empty one and an openssh line of type and key data', async () => {
    const { publicKey, privateKey } = await generateKeyPair('SSH_ED25519');
    expect(publicKey.openssh).toBe(`ssh-ed25519 ${publicKey.blob.toString('base64')}`);
    expect(parsePrivateKey(privateKey).publicKey.comment).toBe('');
  });

  it('refuses to generate a DSA key with UNKNOWN_TYPE', async () => {
    await expect(generateKeyPair('SSH_DSA_1024')).rejects.toMatchObject({ code: 'UNKNOWN_TYPE', message: expect.stringMatching(/only be imported/) });
  });

  it('refuses a comment with a line break with BAD_FORMAT', async () => {
    await expect(generateKeyPair('SSH_ED25519', 'a\nb')).rejects.toMatchObject({ code: 'BAD_FORMAT' });
  });
});

describe('parsePrivateKey refuses a broken openssh-key-v1 key', () => {
  const ed = (): string => pair('SSH_ED25519').privateKey;
  // Ed25519 section: check(4) check(4) type(4+11) public(4+32) private(4+64: seed then public) comment padding.
  const SECOND_PUBLIC_COPY = 8 + 15 + 36 + 4 + 32;
  const rsaSection = (dChange: (d: Buffer) => Buffer): Buffer => {
    const key = nodeKey('rsa2048').privateKey;
    const [n, e, d, qi, p, q] = (['n', 'e', 'd', 'qi', 'p', 'q'] as const).map((m) => Buffer.from(key.export({ format: 'jwk' })[m]!, 'base64url'));
    return section((w) => w.string('ssh-rsa').mpint(n!).mpint(e!).mpint(dChange(d!)).mpint(qi!).mpint(p!).mpint(q!));
  };
  const rsaPublicBlob = (): Buffer => new SshWriter().string('ssh-rsa').mpint(jwkBytes(nodeKey('rsa2048').publicKey, 'e')).mpint(jwkBytes(nodeKey('rsa2048').publicKey, 'n')).toBuffer();

  const cases: [string, SshKeyProblemCode, RegExp, () => string][] = [
    ['a cipher', 'ENCRYPTED_PRIVATE_KEY', /encrypted with the cipher "aes256-ctr": KPS has no passphrase/, () => edit(ed(), () => ({ cipher: 'aes256-ctr', kdf: 'bcrypt' }))],
    ['KDF options without a KDF', 'BAD_FORMAT', /KDF options but no KDF/, () => edit(ed(), () => ({ kdfOptions: Buffer.of(1) }))],
    ['two keys', 'BAD_FORMAT', /holding 2 keys: KPS takes one/, () => edit(ed(), () => ({ count: 2 }))],
    ['check numbers that differ', 'BAD_FORMAT', /two check numbers differ/, () => edit(ed(), (c) => ({ section: flipByte(c.section, 0) }))],
    ['padding that is not 1, 2, 3', 'BAD_FORMAT', /padding is not 1, 2, 3/, () => edit(ed(), (c) => ({ section: flipByte(c.section, -1) }))],
    ['a section not a multiple of 8 bytes', 'BAD_FORMAT', /private section of 145 bytes, not a multiple of 8/, () => edit(ed(), (c) => ({ section: Buffer.concat([c.section, Buffer.of(0)]) }))],
    ['a section cut by 8 bytes', 'TRUNCATED', /private section: .* needs/, () => edit(ed(), (c) => ({ section: c.section.subarray(0, -8) }))],
    ['bytes after the section', 'TRAILING_DATA', /private key: 3 bytes follow the last field/, () => close(open(ed()), Buffer.of(1, 2, 3))],
    ['another magic', 'NOT_A_PRIVATE_KEY', /does not start with openssh-key-v1/, () => armor('OPENSSH PRIVATE KEY', Buffer.concat([Buffer.from('openssh-key-v2\0'), body(ed()).subarray(MAGIC.length)]), 70)],
    ['a character outside base64', 'BAD_BASE64', /the body of the OPENSSH PRIVATE KEY block is not base64/, () => ed().replace(/\n(.)/, '\n!')],
    ['text after the END line', 'BAD_FORMAT', /must be the whole text/, () => `${ed()}more`],
    ['the public key of another key beside it', 'KEY_MISMATCH', /does not belong to the public key stored beside it/, () => edit(ed(), () => ({ publicBlob: pair('SSH_ECDSA_P256').publicKey.blob }))],
    ['two Ed25519 public keys that differ', 'KEY_MISMATCH', /two copies of the public key differ/, () => edit(ed(), (c) => ({ section: flipByte(c.section, SECOND_PUBLIC_COPY) }))],
    ['an RSA d that does not fit n and e', 'KEY_MISMATCH', /does not fit its own public half/, () => close({ ...open(ed()), publicBlob: rsaPublicBlob(), section: rsaSection((d) => flipByte(d, -1)) })],
    ['an ECDSA section on another curve', 'TYPE_MISMATCH', /ecdsa-sha2-nistp256 private key on another curve than nistp256/, () =>
      close({ ...open(ed()), section: section((w) => w.string('ecdsa-sha2-nistp256').string('nistp384').string(Buffer.of(4)).mpint(Buffer.of(1))) })],
    ['an unknown key type', 'UNKNOWN_TYPE', /private key of type "ssh-foo"/, () => close({ ...open(ed()), section: section((w) => w.string('ssh-foo')) })],
  ];

  it.each(cases)('refuses %s with %s, without quoting the key', (_name, code, message, input) => {
    const text = input();
    const problem = problemOf(text);
    expect(problem).toMatchObject({ code, message: expect.stringMatching(message) });
    for (const bodyLine of text.split('\n').slice(1, -2)) expect(problem.message).not.toContain(bodyLine.slice(0, 16));
  });

  it('reads a key whose section was written field by field, as the specs above break it', () => {
    const rebuilt = close({ ...open(ed()), publicBlob: rsaPublicBlob(), section: rsaSection((d) => d) });
    expect(parsePrivateKey(rebuilt).publicKey.blob).toEqual(rsaPublicBlob());
  });
});
