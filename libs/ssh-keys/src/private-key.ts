import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { publicBlobOf } from './key-object.js';
import { OPENSSH_PRIVATE_KEY_LABEL, decodeOpensshPrivateKey } from './openssh-private-key.js';
import { SshKeyProblem } from './problems.js';
import { publicKeyFromBlob, type SshPublicKey } from './public-key.js';

export interface SshPrivateKey {
  /** Its public half; the comment is the OpenSSH key's own ('' for PEM keys, which have none). */
  readonly publicKey: SshPublicKey;
  readonly keyObject: KeyObject;
}

/** The longest private key text KPS reads, in characters (docs/ssh-keys.md). */
export const MAX_PRIVATE_KEY_CHARS = 16 * 1024;

/** PEM labels node:crypto reads as unencrypted private keys: PKCS#1 RSA, SEC1 EC, OpenSSL DSA, PKCS#8. */
const PEM_LABELS = ['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'DSA PRIVATE KEY', 'PRIVATE KEY'];

const READABLE = 'KPS reads OpenSSH ("BEGIN OPENSSH PRIVATE KEY") and PEM (PKCS#1 RSA, SEC1 EC, DSA, PKCS#8) private keys';

/**
 * One unencrypted private key, OpenSSH or PEM, whose parts are shown to belong together: it signs
 * a random challenge that its public half verifies. No message quotes the text.
 */
export function parsePrivateKey(text: string): SshPrivateKey {
  if (text.length > MAX_PRIVATE_KEY_CHARS) {
    throw new SshKeyProblem('TOO_LONG', `private key of ${text.length} characters: KPS accepts at most ${MAX_PRIVATE_KEY_CHARS}`);
  }
  const pem = text.trim();
  const label = /^-----BEGIN ([A-Z0-9 ]{1,40})-----\r?\n/.exec(pem)?.[1];
  if (label === undefined) throw new SshKeyProblem('NOT_A_PRIVATE_KEY', `not a private key: ${READABLE}`);
  const { keyObject, comment } = label === OPENSSH_PRIVATE_KEY_LABEL ? decodeOpensshPrivateKey(pem) : readPem(pem, label);
  const publicKey = publicKeyFromBlob(publicBlobOf(keyObject), comment);
  proveKeyPair(keyObject);
  return { publicKey, keyObject };
}

function readPem(pem: string, label: string): { keyObject: KeyObject; comment: string } {
  if (label === 'ENCRYPTED PRIVATE KEY' || /^Proc-Type: *4, *ENCRYPTED\r?$/m.test(pem)) {
    throw new SshKeyProblem('ENCRYPTED_PRIVATE_KEY', 'encrypted private key: KPS has no passphrase, remove it first (ssh-keygen -p -N "")');
  }
  if (!PEM_LABELS.includes(label)) throw new SshKeyProblem('NOT_A_PRIVATE_KEY', `a ${label} block is not a private key: ${READABLE}`);
  if (!pem.endsWith(`\n-----END ${label}-----`) || pem.indexOf('-----BEGIN', 1) !== -1) {
    throw new SshKeyProblem('BAD_FORMAT', `the ${label} block must be the whole text, from its BEGIN line to its END line`);
  }
  try {
    return { keyObject: createPrivateKey(pem), comment: '' };
  } catch {
    // OpenSSL's reason is not shown: it may quote the input.
    throw new SshKeyProblem('NOT_A_PRIVATE_KEY', `the ${label} block is not a readable private key`);
  }
}

function proveKeyPair(key: KeyObject): void {
  const challenge = randomBytes(32);
  const digest = key.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  let good = false;
  try {
    good = verify(digest, challenge, createPublicKey(key), sign(digest, challenge, key));
  } catch {
    good = false;
  }
  if (!good) throw new SshKeyProblem('KEY_MISMATCH', 'the private key does not fit its own public half: it is damaged');
}

/** True when `text` is the private key of `publicKey` (comments aside); a refusal when it is no key. */
export function privateKeyMatches(text: string, publicKey: SshPublicKey): boolean {
  return parsePrivateKey(text).publicKey.blob.equals(publicKey.blob);
}

/** The private key of `publicKey`, or KEY_MISMATCH naming both fingerprints. */
export function parseMatchingPrivateKey(text: string, publicKey: SshPublicKey): SshPrivateKey {
  const privateKey = parsePrivateKey(text);
  if (!privateKey.publicKey.blob.equals(publicKey.blob)) {
    throw new SshKeyProblem(
      'KEY_MISMATCH',
      `the private key (${privateKey.publicKey.fingerprintSha256}) does not belong to the public key ${publicKey.fingerprintSha256}`,
    );
  }
  return privateKey;
}
