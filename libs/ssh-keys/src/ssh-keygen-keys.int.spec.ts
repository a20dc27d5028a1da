import { readFileSync } from 'node:fs';
import type { SshAlgorithm } from './algorithms.js';
import { parsePrivateKey, privateKeyMatches } from './private-key.js';
import { SshKeyProblem } from './problems.js';
import { parsePublicKey, type SshPublicKey } from './public-key.js';
import { TempDir, keygenListing, opensshKnowsDsa, run } from './testing/cli.js';
import { nodeKey, pkcs8Pem } from './testing/node-keys.js';
import { SshReader } from './wire.js';

/** Keys the real ssh-keygen makes, read by this library and compared with what ssh-keygen says of them. */
interface KeygenKey {
  readonly name: string;
  readonly args: readonly string[];
  readonly algorithm: SshAlgorithm;
  readonly bits: number;
  /** The first line of the private key file. */
  readonly format: string;
}

const OPENSSH = '-----BEGIN OPENSSH PRIVATE KEY-----';
const KEYS: KeygenKey[] = [
  { name: 'rsa-2048', args: ['-t', 'rsa', '-b', '2048'], algorithm: 'SSH_RSA_2048', bits: 2048, format: OPENSSH },
  { name: 'rsa-3072', args: ['-t', 'rsa', '-b', '3072'], algorithm: 'SSH_RSA_3072', bits: 3072, format: OPENSSH },
  { name: 'rsa-4096', args: ['-t', 'rsa', '-b', '4096'], algorithm: 'SSH_RSA_4096', bits: 4096, format: OPENSSH },
  { name: 'ecdsa-256', args: ['-t', 'ecdsa', '-b', '256'], algorithm: 'SSH_ECDSA_P256', bits: 256, format: OPENSSH },
  { name: 'ecdsa-384', args: ['-t', 'ecdsa', '-b', '384'], algorithm: 'SSH_ECDSA_P384', bits: 384, format: OPENSSH },
  { name: 'ecdsa-521', args: ['-t', 'ecdsa', '-b', '521'], algorithm: 'SSH_ECDSA_P521', bits: 521, format: OPENSSH },
  { name: 'ed25519', args: ['-t', 'ed25519'], algorithm: 'SSH_ED25519', bits: 256, format: OPENSSH },
  // OpenSSH has no PEM form for Ed25519 and writes its own format.
  { name: 'ed25519-pem', args: ['-t', 'ed25519', '-m', 'PEM'], algorithm: 'SSH_ED25519', bits: 256, format: OPENSSH },
  { name: 'rsa-2048-pem', args: ['-t', 'rsa', '-b', '2048', '-m', 'PEM'], algorithm: 'SSH_RSA_2048', bits: 2048, format: '-----BEGIN RSA PRIVATE KEY-----' },
  { name: 'rsa-2048-pkcs8', args: ['-t', 'rsa', '-b', '2048', '-m', 'PKCS8'], algorithm: 'SSH_RSA_2048', bits: 2048, format: '-----BEGIN PRIVATE KEY-----' },
  { name: 'ecdsa-256-pem', args: ['-t', 'ecdsa', '-b', '256', '-m', 'PEM'], algorithm: 'SSH_ECDSA_P256', bits: 256, format: '-----BEGIN EC PRIVATE KEY-----' },
  { name: 'ecdsa-384-pkcs8', args: ['-t', 'ecdsa', '-b', '384', '-m', 'PKCS8'], algorithm: 'SSH_ECDSA_P384', bits: 384, format: '-----BEGIN PRIVATE KEY-----' },
  ...(opensshKnowsDsa()
    ? [
        { name: 'dsa', args: ['-t', 'dsa'], algorithm: 'SSH_DSA_1024', bits: 1024, format: OPENSSH } as const,
        { name: 'dsa-pem', args: ['-t', 'dsa', '-m', 'PEM'], algorithm: 'SSH_DSA_1024', bits: 1024, format: '-----BEGIN DSA PRIVATE KEY-----' } as const,
      ]
    : []),
];

/** A different key of the same algorithm, or of another one where there is no second. */
function otherKeyOf(key: KeygenKey): KeygenKey {
  return KEYS.find((k) => k !== key && k.algorithm === key.algorithm) ?? KEYS.find((k) => k !== key)!;
}

let dir: TempDir;
const privateFile = (key: KeygenKey): string => dir.file(key.name);
const publicFile = (key: KeygenKey): string => dir.file(`${key.name}.pub`);
const commentOf = (key: KeygenKey): string => `${key.name}@ssh-keygen`;
const publicKeyOf = (key: KeygenKey): SshPublicKey => parsePublicKey(readFileSync(publicFile(key), 'utf8'));

beforeAll(async () => {
  dir = new TempDir();
  await Promise.all(KEYS.map((key) => run('ssh-keygen', ['-q', ...key.args, '-N', '', '-C', commentOf(key), '-f', privateFile(key)])));
}, 60_000);

afterAll(() => dir.remove());

describe.each(KEYS)('the ssh-keygen key $name', (key) => {
  it('has the private key format it was asked for', () => {
    expect(readFileSync(privateFile(key), 'utf8').split('\n')[0]).toBe(key.format);
  });

  it('parsePublicKey reads its public key with the algorithm, size and comment ssh-keygen made', () => {
    expect(publicKeyOf(key)).toMatchObject({ algorithm: key.algorithm, bits: key.bits, comment: commentOf(key) });
  });

  it('has the MD5 and SHA-256 fingerprints and size ssh-keygen -l prints', async () => {
    const md5 = await keygenListing(publicFile(key), 'md5');
    const sha256 = await keygenListing(publicFile(key), 'sha256');
    expect(`MD5:${publicKeyOf(key).fingerprintMd5}`).toBe(md5.fingerprint);
    expect(publicKeyOf(key).fingerprintSha256).toBe(sha256.fingerprint);
    expect(publicKeyOf(key).bits).toBe(sha256.bits);
  });

  it('parsePrivateKey reads its private key as the same key, with the comment only OpenSSH files keep', () => {
    const parsed = parsePrivateKey(readFileSync(privateFile(key), 'utf8'));
    expect(parsed.publicKey.blob).toEqual(publicKeyOf(key).blob);
    expect(parsed.publicKey.algorithm).toBe(key.algorithm);
    expect(parsed.publicKey.comment).toBe(key.format === OPENSSH ? commentOf(key) : '');
  });

  it(`its private key matches its own public key and not that of ${otherKeyOf(key).name}`, () => {
    const text = readFileSync(privateFile(key), 'utf8');
    expect(privateKeyMatches(text, publicKeyOf(key))).toBe(true);
    expect(privateKeyMatches(text, publicKeyOf(otherKeyOf(key)))).toBe(false);
  });
});

describe('private keys ssh-keygen encrypted with a passphrase', () => {
  const passphrase = 'correct horse battery staple';

  it.each([
    ['OpenSSH', []],
    ['PEM', ['-m', 'PEM']],
  ])('an encrypted %s key is refused with ENCRYPTED_PRIVATE_KEY, naming neither key nor passphrase', async (format, args) => {
    const file = dir.file(`encrypted-${format}`);
    await run('ssh-keygen', ['-q', '-t', 'ecdsa', '-b', '256', ...args, '-N', passphrase, '-C', 'locked', '-f', file]);
    const text = readFileSync(file, 'utf8');
    let problem: unknown;
    try {
      parsePrivateKey(text);
    } catch (error) {
      problem = error;
    }
    expect(problem).toBeInstanceOf(SshKeyProblem);
    expect(problem).toMatchObject({ code: 'ENCRYPTED_PRIVATE_KEY' });
    const message = (problem as SshKeyProblem).message;
    expect(message).not.toContain(passphrase);
    for (const line of text.split('\n').filter((l) => l.length > 16 && !l.startsWith('-----'))) expect(message).not.toContain(line.slice(0, 16));
  });
});

// Independent of OpenSSH, which may no longer know DSA: openssl prints the key's numbers.
describe('a DSA key from node:crypto', () => {
  it('reads as the p, q, g and y that openssl prints', async () => {
    const pem = pkcs8Pem(nodeKey('dsa1024').privateKey);
    const printed = await run('openssl', ['pkey', '-pubout', '-text', '-noout'], Buffer.from(pem));
    const parsed = parsePrivateKey(pem).publicKey;
    const reader = new SshReader(parsed.blob, 'spec');
    expect(reader.text('type')).toBe('ssh-dss');
    const ours = { P: reader.mpint('p'), Q: reader.mpint('q'), G: reader.mpint('g'), pub: reader.mpint('y') };
    for (const [label, value] of Object.entries(ours)) expect(value.toString('hex')).toBe(opensslNumber(printed, label));
    expect(parsed).toMatchObject({ algorithm: 'SSH_DSA_1024', bits: 1024 });
  });
});

/** A number of `openssl pkey -text`, "label:" then indented hex pairs, without leading zeros. */
function opensslNumber(printed: string, label: string): string {
  const match = new RegExp(`^${label}:\\s*\\n((?:\\s+[0-9a-f:]+\\n)+)`, 'm').exec(printed);
  if (!match) throw new Error(`openssl printed no ${label}`);
  return match[1]!.replace(/[\s:]/g, '').replace(/^(00)+/, '');
}
