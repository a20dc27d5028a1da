import { canonicalBase64 } from '@dew/contracts';
import { UnsealError } from './aead.js';
import { KeyringEntryMissing, type OwnerKeys } from './keyring.js';

/**
 * Tokens the service hands out and must later trust (IAM tokens, KMS import tokens): the claims
 * sealed with one keyring entry shared by every instance, so a token can be neither read nor
 * forged, and erasing the entry revokes them all.
 */
export class SealedClaims<C extends object> {
  constructor(
    private readonly keyring: OwnerKeys,
    private readonly owner: string,
    private readonly prefix: string,
  ) {}

  /** Creates the entry on first start; a concurrent first start of another instance is fine. */
  async ensure(): Promise<void> {
    if (await this.keyring.exists(this.owner)) return;
    await this.keyring.create(this.owner).catch(async (err: unknown) => {
      if (!(await this.keyring.exists(this.owner))) throw err;
    });
  }

  async seal(claims: C): Promise<string> {
    const sealed = await this.keyring.seal(this.owner, 1, Buffer.from(JSON.stringify(claims), 'utf8'));
    return `${this.prefix}${sealed.toString('base64')}`;
  }

  /** The claims, or `null` when the token is not one of ours (malformed, tampered, other entry). */
  async open(token: string): Promise<C | null> {
    const sealed = token.startsWith(this.prefix) ? canonicalBase64(token.slice(this.prefix.length)) : undefined;
    if (!sealed) return null;
    try {
      const plain = await this.keyring.open(this.owner, 1, sealed);
      return JSON.parse(plain.toString('utf8')) as C;
    } catch (err) {
      if (err instanceof UnsealError || err instanceof KeyringEntryMissing || err instanceof SyntaxError) return null;
      throw err;
    }
  }
}

