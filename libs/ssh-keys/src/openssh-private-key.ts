import { randomBytes, type KeyObject } from 'node:crypto';
import { isSshKeyType } from './algorithms.js';
import { armor, unarmor } from './armor.js';
import { publicBlobOf } from './key-object.js';
import { readPrivateFields, writePrivateFields } from './private-fields.js';
import { SshKeyProblem, quoteName } from './problems.js';
import type { SshPublicKey } from './public-key.js';
import { SshReader, SshWriter } from './wire.js';

/**
 * openssh-key-v1, unencrypted: what `ssh-keygen` writes by default. The layout, from the magic to
 * the padding of the private section, is in docs/ssh-keys.md, "Formats".
 */
export const OPENSSH_PRIVATE_KEY_LABEL = 'OPENSSH PRIVATE KEY';
const LABEL = OPENSSH_PRIVATE_KEY_LABEL;
const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const NONE = 'none';
const BLOCK_SIZE = 8;
/** ssh-keygen's line width. */
const LINE_WIDTH = 70;

/** `key`'s private key in openssh-key-v1; `publicKey` is its public half (comment included). */
export function encodeOpensshPrivateKey(key: KeyObject, publicKey: SshPublicKey): string {
  const check = randomBytes(4).readUInt32BE();
  const section = new SshWriter().uint32(check).uint32(check).string(publicKey.type);
  writePrivateFields(section, key);
  section.string(publicKey.comment);
  const padding = (BLOCK_SIZE - (section.length % BLOCK_SIZE)) % BLOCK_SIZE;
  section.raw(Buffer.from(Array.from({ length: padding }, (_, i) => i + 1)));
  const sectionBytes = section.toBuffer();
  const body = new SshWriter().raw(MAGIC).string(NONE).string(NONE).string('').uint32(1).string(publicKey.blob).string(sectionBytes).toBuffer();
  try {
    return armor(LABEL, body, LINE_WIDTH);
  } finally {
    sectionBytes.fill(0);
    body.fill(0);
  }
}

export interface OpensshPrivateKey {
  readonly keyObject: KeyObject;
  readonly comment: string;
}

export function decodeOpensshPrivateKey(text: string): OpensshPrivateKey {
  const bytes = unarmor(text, LABEL);
  try {
    return decode(bytes);
  } finally {
    bytes.fill(0);
  }
}

function decode(bytes: Buffer): OpensshPrivateKey {
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SshKeyProblem('NOT_A_PRIVATE_KEY', `the ${LABEL} block does not start with openssh-key-v1`);
  }
  const reader = new SshReader(bytes.subarray(MAGIC.length), 'private key');
  const cipher = reader.text('the cipher name');
  const kdf = reader.text('the KDF name');
  const kdfOptions = reader.string('the KDF options');
  if (cipher !== NONE || kdf !== NONE) {
    throw new SshKeyProblem(
      'ENCRYPTED_PRIVATE_KEY',
      `private key encrypted with the cipher ${quoteName(cipher)}: KPS has no passphrase, remove it first (ssh-keygen -p -N "")`,
    );
  }
  if (kdfOptions.length > 0) throw new SshKeyProblem('BAD_FORMAT', 'private key with KDF options but no KDF');
  const count = reader.uint32('the number of keys');
  if (count !== 1) throw new SshKeyProblem('BAD_FORMAT', `private key file holding ${count} keys: KPS takes one`);
  const publicBlob = reader.string('the public key');
  const section = reader.string('the private section');
  reader.end();
  if (section.length % BLOCK_SIZE !== 0) {
    throw new SshKeyProblem('BAD_FORMAT', `private section of ${section.length} bytes, not a multiple of ${BLOCK_SIZE}`);
  }
  const key = readSection(new SshReader(section, 'private section'));
  if (!publicBlobOf(key.keyObject).equals(publicBlob)) {
    throw new SshKeyProblem('KEY_MISMATCH', 'the private key does not belong to the public key stored beside it');
  }
  return key;
}

function readSection(reader: SshReader): OpensshPrivateKey {
  if (reader.uint32('the first check number') !== reader.uint32('the second check number')) {
    throw new SshKeyProblem('BAD_FORMAT', 'the private section is damaged: its two check numbers differ');
  }
  const type = reader.text('the key type');
  if (!isSshKeyType(type)) throw new SshKeyProblem('UNKNOWN_TYPE', `private key of type ${quoteName(type)}`);
  const keyObject = readPrivateFields(reader, type);
  const comment = reader.text('the comment');
  const padding = reader.rest();
  if (padding.length >= BLOCK_SIZE || padding.some((byte, i) => byte !== i + 1)) {
    throw new SshKeyProblem('BAD_FORMAT', 'the private section is damaged: its padding is not 1, 2, 3…');
  }
  return { keyObject, comment };
}
