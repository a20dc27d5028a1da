import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OwnerKeys, SealedClaims } from '@dew/crypto';
import { ImportTokenForAnotherKey, ImportTokenMalformed, ImportTokenUnusable } from '@dew/contracts';

/** What an import token binds: key, wrapping key, algorithm. */
export interface ImportClaims {
  readonly keyId: string;
  readonly wrappingKeyId: string;
  readonly algorithm: 'RSAES_OAEP_SHA_256' | 'RSAES_OAEP_SHA_1';
  readonly expiresAt: number;
  /** The wrapping private key, sealed under its own keyring entry (erased once used or expired). */
  readonly sealedPrivateKey: string;
}

const TOKEN = /^[A-Za-z0-9+/=]{200,6144}$/;

/** Import tokens: claims sealed by the kms keyring entry `import-tokens`, checked on import. */
@Injectable()
export class ImportTokens implements OnModuleInit {
  readonly #claims: SealedClaims<ImportClaims>;

  constructor(keyring: OwnerKeys) {
    this.#claims = new SealedClaims(keyring, 'import-tokens', '');
  }

  onModuleInit(): Promise<void> {
    return this.#claims.ensure();
  }

  issue(claims: ImportClaims): Promise<string> {
    return this.#claims.seal(claims);
  }

  /** KMS.2601 malformed, KMS.2603 another key's, KMS.2605 failed verification or expired. */
  async verify(token: string, keyId: string, now: number): Promise<ImportClaims> {
    if (!TOKEN.test(token)) throw ImportTokenMalformed(token.length);
    const claims = await this.#claims.open(token);
    if (!claims) throw ImportTokenUnusable('import_token failed verification: it was not issued by this service or was altered');
    if (claims.keyId !== keyId) throw ImportTokenForAnotherKey(claims.keyId, keyId.slice(0, 64));
    if (claims.expiresAt <= now) throw ImportTokenUnusable(`import_token expired at ${new Date(claims.expiresAt).toISOString()}`);
    return claims;
  }
}

/** The keyring entry that seals an import token's wrapping private key. */
export const wrappingEntry = (wrappingKeyId: string) => `wrap-${wrappingKeyId}`;
