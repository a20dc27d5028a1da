import { GENERATED_ALGORITHMS, type SshAlgorithm } from './algorithms.js';
import { generateKeyPair, type GeneratedKeyPair } from './generate.js';
import { TempDir, keygenListing, run } from './testing/cli.js';

/** What the real ssh-keygen (OpenSSH) makes of the key pairs generateKeyPair writes. */
let dir: TempDir;
const pairs = new Map<SshAlgorithm, GeneratedKeyPair>();
const COMMENT = 'kps-pair-1';

beforeAll(async () => {
  dir = new TempDir();
  // Side by side on libuv's pool: RSA-4096 alone takes about a second.
  const made = await Promise.all(GENERATED_ALGORITHMS.map((a) => generateKeyPair(a, COMMENT)));
  GENERATED_ALGORITHMS.forEach((a, i) => pairs.set(a, made[i]!));
}, 60_000);

afterAll(() => dir.remove());

describe.each(GENERATED_ALGORITHMS)('a %s key pair from generateKeyPair', (algorithm) => {
  const pair = (): GeneratedKeyPair => pairs.get(algorithm)!;

  it('ssh-keygen -y reads the private key and prints exactly our public key', async () => {
    const file = dir.write(`${algorithm}.key`, pair().privateKey);
    const printed = (await run('ssh-keygen', ['-y', '-f', file])).trim().split(' ');
    expect(printed.slice(0, 2).join(' ')).toBe(`${pair().publicKey.type} ${pair().publicKey.blob.toString('base64')}`);
  });

  it('ssh-keygen -l prints our size, MD5 and SHA-256 fingerprints and comment', async () => {
    const file = dir.write(`${algorithm}.pub`, `${pair().publicKey.openssh}\n`, 0o644);
    const md5 = await keygenListing(file, 'md5');
    const sha256 = await keygenListing(file, 'sha256');
    expect(md5.fingerprint).toBe(`MD5:${pair().publicKey.fingerprintMd5}`);
    expect(sha256.fingerprint).toBe(pair().publicKey.fingerprintSha256);
    expect(sha256.bits).toBe(pair().publicKey.bits);
    expect(sha256.comment).toBe(COMMENT);
  });

  it('ssh-keygen reads the comment from the private key file', async () => {
    const file = dir.write(`${algorithm}.comment.key`, pair().privateKey);
    expect((await keygenListing(file, 'sha256')).comment).toBe(COMMENT);
  });

  // -y reads the public half; a signature needs every private field (RSA d, p, q, iqmp; the EC scalar; the Ed25519 seed).
  it('ssh-keygen -Y sign signs with the private key and -Y verify accepts it under our public key', async () => {
    const key = dir.write(`${algorithm}.sign.key`, pair().privateKey);
    const message = dir.write(`${algorithm}.message`, `message for ${algorithm}\n`, 0o644);
    await run('ssh-keygen', ['-Y', 'sign', '-q', '-f', key, '-n', 'dew-test', message]);
    const signers = dir.write(`${algorithm}.allowed`, `kps@dew ${pair().publicKey.openssh}\n`, 0o644);
    const verdict = await run('ssh-keygen', ['-Y', 'verify', '-f', signers, '-I', 'kps@dew', '-n', 'dew-test', '-s', `${message}.sig`], Buffer.from(`message for ${algorithm}\n`));
    expect(verdict).toMatch(/^Good "dew-test" signature for kps@dew with/);
  });
});

it('ssh-keygen -Y verify refuses a signature under the public key of another generated pair', async () => {
  const signer = pairs.get('SSH_ECDSA_P256')!;
  const key = dir.write('other.sign.key', signer.privateKey);
  const message = dir.write('other.message', 'another message\n', 0o644);
  await run('ssh-keygen', ['-Y', 'sign', '-q', '-f', key, '-n', 'dew-test', message]);
  const signers = dir.write('other.allowed', `kps@dew ${pairs.get('SSH_ED25519')!.publicKey.openssh}\n`, 0o644);
  const verify = run('ssh-keygen', ['-Y', 'verify', '-f', signers, '-I', 'kps@dew', '-n', 'dew-test', '-s', `${message}.sig`], Buffer.from('another message\n'));
  await expect(verify).rejects.toThrow(/failed/);
});
