import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SealedFiles } from '../nodes/sealed-files.js';
import { sha256Fingerprint } from '../pki/fingerprint.js';

/** The public half of a UKey, as `HsmActivated` records it, and the private half to keep. */
export interface NewUkey {
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly privateKey: string;
}

/** The fingerprint of the key's SPKI DER. */
export function ukeyFingerprint(publicKeyPem: string): string {
  return sha256Fingerprint(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }));
}

/**
 * The administrator's UKey (docs/hsm.md, "UKey"): an Ed25519 key pair made at activation. Its
 * private half is sealed under `<dataDir>/hsm/ukeys/<fingerprint as hex>` until the one download,
 * then removed; the nodes get only the public half and accept no other administrator. Files are
 * named by fingerprint, not by instance: a refused activation (another project's instance id, a
 * wrong status) never touches an existing instance's key.
 */
@Injectable()
export class UkeyVault {
  constructor(private readonly files: SealedFiles) {}

  generate(): NewUkey {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return { publicKey: publicPem, fingerprint: ukeyFingerprint(publicPem), privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  }

  async keep(ukey: NewUkey): Promise<void> {
    await this.files.write(this.#path(ukey.fingerprint), Buffer.from(ukey.privateKey));
  }

  /** The sealed private half (PKCS#8 PEM), if it is still kept. */
  async privateHalf(fingerprint: string): Promise<string | undefined> {
    return (await this.files.read(...this.#path(fingerprint)))?.toString('utf8');
  }

  discard(fingerprint: string): void {
    this.files.remove(...this.#path(fingerprint));
  }

  #path(fingerprint: string): string[] {
    return ['ukeys', Buffer.from(fingerprint.replace(/^SHA256:/, ''), 'base64').toString('hex')];
  }
}
