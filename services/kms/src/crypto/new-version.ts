import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OwnerKeys } from '@dew/crypto';
import type { KeyMaterial, LiveCmk } from '@dew/kms-domain';

/** Fresh AES-256 material for a key's next version, sealed with the key's keyring entry. */
@Injectable()
export class NewVersions {
  constructor(private readonly crypto: OwnerKeys) {}

  async next(key: LiveCmk): Promise<KeyMaterial> {
    const version = (key.versions[key.versions.length - 1]?.version ?? 0) + 1;
    const secret = randomBytes(32);
    try {
      return { version, wrapped: (await this.crypto.seal(key.keyId, version, secret)).toString('base64') };
    } finally {
      secret.fill(0);
    }
  }
}
