import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { oaepMaxPlaintext, rsaOaepDecrypt, rsaOaepEncrypt, type OaepAlgorithm } from './rsa-oaep.js';
import { SIGNING_ALGORITHMS, digestFor, signDigest, verifyDigest, type SigningAlgorithm } from './signing.js';

/** Interop with the real OpenSSL CLI: what users will check our signatures and ciphertexts with. */
const generate = promisify(generateKeyPair);

interface Pair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly priv: string;
  readonly pub: string;
}

let dir: string;
const pairs = new Map<string, Pair>();
let fileNo = 0;

function file(bytes: Uint8Array): string {
  const path = join(dir, `f${fileNo++}.bin`);
  writeFileSync(path, bytes);
  return path;
}

function openssl(...args: string[]): string {
  return execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

async function addPair(name: string, make: () => Promise<{ privateKey: KeyObject; publicKey: KeyObject }>): Promise<void> {
  const { privateKey, publicKey } = await make();
  const priv = join(dir, `${name}.key.pem`);
  const pub = join(dir, `${name}.pub.pem`);
  writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  pairs.set(name, { privateKey, publicKey, priv, pub });
}

function pair(name: string): Pair {
  const p = pairs.get(name);
  if (!p) throw new Error(`no key ${name}`);
  return p;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dew-openssl-'));
  // Generated once per suite, in parallel on the libuv pool: RSA-4096 takes seconds.
  await Promise.all([
    ...[2048, 3072, 4096].map((bits) => addPair(`RSA-${bits}`, () => generate('rsa', { modulusLength: bits, publicExponent: 0x10001 }))),
    addPair('P-256', () => generate('ec', { namedCurve: 'prime256v1' })),
    addPair('P-384', () => generate('ec', { namedCurve: 'secp384r1' })),
  ]);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RSA_CASES = ['RSA-2048', 'RSA-3072', 'RSA-4096'].flatMap((key) =>
  (Object.keys(SIGNING_ALGORITHMS) as SigningAlgorithm[]).filter((a) => SIGNING_ALGORITHMS[a].family === 'RSA').map((alg) => [key, alg] as const),
);
const EC_CASES = ['P-256', 'P-384'].flatMap((key) => (['ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512'] as const).map((alg) => [key, alg] as const));

function sigopts(alg: SigningAlgorithm, flag: '-sigopt' | '-pkeyopt'): string[] {
  return SIGNING_ALGORITHMS[alg].scheme === 'PSS' ? [flag, 'rsa_padding_mode:pss', flag, 'rsa_pss_saltlen:digest'] : [];
}

describe.each([...RSA_CASES, ...EC_CASES])('%s %s against openssl', (keyName, alg) => {
  const hash = SIGNING_ALGORITHMS[alg].hash;

  it('our signature over a RAW message: openssl dgst -verify says Verified OK', () => {
    const { privateKey, pub } = pair(keyName);
    const msg = randomBytes(333);
    const sig = signDigest(privateKey, alg, digestFor(alg, msg, 'RAW'));
    const out = openssl('dgst', `-${hash}`, '-verify', pub, ...sigopts(alg, '-sigopt'), '-signature', file(sig), file(msg));
    expect(out).toMatch(/Verified OK/);
  });

  it('openssl dgst -sign over the message: verifyDigest accepts it over the digest', () => {
    const { publicKey, priv } = pair(keyName);
    const msg = randomBytes(100);
    const sigPath = join(dir, `s${fileNo++}.bin`);
    openssl('dgst', `-${hash}`, '-sign', priv, ...sigopts(alg, '-sigopt'), '-out', sigPath, file(msg));
    const digest = digestFor(alg, msg, 'RAW');
    expect(verifyDigest(publicKey, alg, digest, readFileSync(sigPath))).toBe(true);
    expect(verifyDigest(publicKey, alg, createHash(hash).update('other').digest(), readFileSync(sigPath))).toBe(false);
  });

  it('openssl pkeyutl -sign over a DIGEST: verifyDigest accepts it; openssl pkeyutl -verify accepts ours', () => {
    const { publicKey, privateKey, priv, pub } = pair(keyName);
    const digest = randomBytes(SIGNING_ALGORITHMS[alg].digestBytes);
    const sigPath = join(dir, `s${fileNo++}.bin`);
    const digestPath = file(digest);
    openssl('pkeyutl', '-sign', '-inkey', priv, '-pkeyopt', `digest:${hash}`, ...sigopts(alg, '-pkeyopt'), '-in', digestPath, '-out', sigPath);
    expect(verifyDigest(publicKey, alg, digest, readFileSync(sigPath))).toBe(true);
    const ours = file(signDigest(privateKey, alg, digest));
    const out = openssl('pkeyutl', '-verify', '-pubin', '-inkey', pub, '-pkeyopt', `digest:${hash}`, ...sigopts(alg, '-pkeyopt'), '-in', digestPath, '-sigfile', ours);
    expect(out).toMatch(/Signature Verified Successfully/);
  });
});

const OAEP_CASES = ['RSA-2048', 'RSA-3072', 'RSA-4096'].flatMap((key) =>
  (['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'] as const).map((alg) => [key, alg] as const),
);
const OAEP_MD: Record<OaepAlgorithm, string> = { RSAES_OAEP_SHA_256: 'sha256', RSAES_OAEP_SHA_1: 'sha1' };

describe.each(OAEP_CASES)('%s %s against openssl', (keyName, alg) => {
  const opts = () => ['-pkeyopt', 'rsa_padding_mode:oaep', '-pkeyopt', `rsa_oaep_md:${OAEP_MD[alg]}`];
  const max = () => oaepMaxPlaintext(pair(keyName).publicKey.asymmetricKeyDetails!.modulusLength!, alg);

  it('openssl pkeyutl -encrypt of the longest plaintext: rsaOaepDecrypt recovers it', () => {
    const { privateKey, pub } = pair(keyName);
    const pt = randomBytes(max());
    const ctPath = join(dir, `c${fileNo++}.bin`);
    openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', pub, ...opts(), '-in', file(pt), '-out', ctPath);
    expect(rsaOaepDecrypt(privateKey, alg, readFileSync(ctPath))).toEqual(pt);
  });

  it('openssl refuses one byte more than oaepMaxPlaintext: the limits agree', () => {
    const { pub } = pair(keyName);
    expect(() => openssl('pkeyutl', '-encrypt', '-pubin', '-inkey', pub, ...opts(), '-in', file(randomBytes(max() + 1)))).toThrow();
  });

  it('our ciphertext: openssl pkeyutl -decrypt recovers the plaintext', () => {
    const { publicKey, priv } = pair(keyName);
    const pt = randomBytes(40);
    const out = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', priv, ...opts(), '-in', file(rsaOaepEncrypt(publicKey, alg, pt))]);
    expect(Buffer.from(out)).toEqual(pt);
  });
});

describe.each(['P-256', 'P-384'])('%s edge digests against openssl', (keyName) => {
  // e ≡ 0 (mod n) makes u1 = 0: the verifier's fixed-base term vanishes.
  const order: Record<string, string> = {
    'P-256': 'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
    'P-384': 'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
  };
  it.each([
    ['all-zero digest', (bytes: number) => Buffer.alloc(bytes)],
    ['digest equal to the group order', (bytes: number) => Buffer.from(order[keyName]!.padEnd(bytes * 2, '0').slice(0, bytes * 2), 'hex')],
    ['all-ones digest', (bytes: number) => Buffer.alloc(bytes, 0xff)],
  ])('%s: openssl accepts ours and we accept openssl', (_name, make) => {
    const { publicKey, privateKey, priv, pub } = pair(keyName);
    const alg = keyName === 'P-256' ? 'ECDSA_SHA_256' : 'ECDSA_SHA_384';
    const digest = make(SIGNING_ALGORITHMS[alg].digestBytes);
    const digestPath = file(digest);
    const ours = file(signDigest(privateKey, alg, digest));
    expect(openssl('pkeyutl', '-verify', '-pubin', '-inkey', pub, '-in', digestPath, '-sigfile', ours)).toMatch(/Verified Successfully/);
    const sigPath = join(dir, `s${fileNo++}.bin`);
    openssl('pkeyutl', '-sign', '-inkey', priv, '-in', digestPath, '-out', sigPath);
    expect(verifyDigest(publicKey, alg, digest, readFileSync(sigPath))).toBe(true);
  });
});
