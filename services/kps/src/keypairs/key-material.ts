import { BadKeyMaterial, UnsupportedAlgorithm } from '@dew/contracts';
import {
  GENERATED_ALGORITHMS, generateKeyPair, parseMatchingPrivateKey, parsePrivateKey, parsePublicKey, SshKeyProblem, type SshAlgorithm, type SshPublicKey,
} from '@dew/ssh-keys';

/** The key a new key pair gets: generated here, or the caller's public key (docs/kps.md, "Key material"). */
export interface KeyMaterial {
  readonly publicKey: SshPublicKey;
  /** Only for a generated pair: shown once or hosted, never stored in clear. */
  readonly generatedPrivateKey?: string;
}

const DEFAULT_ALGORITHM: SshAlgorithm = 'SSH_RSA_2048';

/** Runs a key parser and words its problem as a KPS.0002 naming the field. */
export function asField<T>(field: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SshKeyProblem) throw BadKeyMaterial(field, err.message);
    throw err;
  }
}

export async function generatedMaterial(algorithm: string | undefined, comment: string): Promise<KeyMaterial> {
  const chosen = algorithm ?? DEFAULT_ALGORITHM;
  if (!(GENERATED_ALGORITHMS as readonly string[]).includes(chosen)) throw UnsupportedAlgorithm(chosen, GENERATED_ALGORITHMS);
  const pair = await generateKeyPair(chosen as SshAlgorithm, comment);
  return { publicKey: pair.publicKey, generatedPrivateKey: pair.privateKey };
}

export function importedMaterial(publicKey: string): KeyMaterial {
  return { publicKey: asField('keypair.public_key', () => parsePublicKey(publicKey)) };
}

/** A private key the caller hands in for `publicKey` (must be its own half). */
export function matchingPrivateKey(field: string, privateKey: string, publicKey: SshPublicKey): string {
  asField(field, () => parseMatchingPrivateKey(privateKey, publicKey));
  return privateKey;
}

/** A private key given for an SSH login: it must at least parse. */
export function loginPrivateKey(field: string, privateKey: string): string {
  asField(field, () => parsePrivateKey(privateKey));
  return privateKey;
}
