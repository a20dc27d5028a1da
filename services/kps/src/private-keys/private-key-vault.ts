import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  HostedPrivateKeyAltered, KmsKeyNeeded, KpsKmsKeyActionDenied, KpsKmsKeyCannotProtect, KpsKmsKeyUnusable, KpsKmsKeyUseDenied, type EncryptionDto,
} from '@dew/contracts';
import { streams, type RequestContext } from '@dew/messaging';
import { EnvelopeDeps, KmsEnvelope, type SealedValue } from '@dew/nest-kit';

const DEFAULT_KEY_NAME = 'kps/default';
/** What a sealed private key is bound to: its own keyring entry (docs/kps.md, "Hosted private keys"). */
const aadOf = (owner: string): string => `kps:private-key:${owner}`;

/**
 * Hosted private keys: envelope-encrypted under a KMS key (kps/default or the caller's CMK) and a
 * keyring entry of their own, so clearing or deleting one crypto-shreds it.
 */
@Injectable()
export class PrivateKeyVault extends KmsEnvelope implements OnModuleInit {
  constructor(deps: EnvelopeDeps) {
    super(deps, {
      service: 'kps',
      keyringStream: streams.kpsKeyring,
      refusals: {
        useDenied: KpsKmsKeyUseDenied,
        actionDenied: KpsKmsKeyActionDenied,
        keyUnusable: KpsKmsKeyUnusable,
        cannotProtect: KpsKmsKeyCannotProtect,
        altered: HostedPrivateKeyAltered,
      },
    });
  }

  /** The KMS key `encryption` names: kps/default (made on first use) unless a CMK id is given. */
  kmsKeyOf(ctx: RequestContext, encryption: EncryptionDto | undefined): Promise<string> {
    if (encryption?.type === 'kms') {
      if (encryption.kms_key_id) return this.keyFor(ctx, encryption.kms_key_id);
      if (encryption.kms_key_name !== DEFAULT_KEY_NAME) throw KmsKeyNeeded();
    }
    return this.keyFor(ctx, undefined);
  }

  /** Seals a private key under a fresh keyring entry; the caller needs create-datakey on the KMS key. */
  async host(ctx: RequestContext, kmsKeyId: string, privateKey: string): Promise<SealedValue> {
    const owner = randomUUID();
    await this.createEntry(owner);
    try {
      return await this.seal(ctx, owner, kmsKeyId, aadOf(owner), Buffer.from(privateKey, 'utf8'));
    } catch (err) {
      // KMS refused the data key: no entry is left behind for a key that was never sealed.
      await this.eraseEntry(owner);
      throw err;
    }
  }

  /** The private key text; the caller needs decrypt-datakey on its KMS key. */
  async reveal(ctx: RequestContext, hosted: SealedValue): Promise<string> {
    const plain = await this.open(ctx, hosted.owner, aadOf(hosted.owner), hosted);
    try {
      return plain.toString('utf8');
    } finally {
      plain.fill(0);
    }
  }

  /** Crypto-shreds a hosted private key: the keyring entry `owner` that sealed it is destroyed. */
  shred(owner: string): Promise<void> {
    return this.eraseEntry(owner);
  }
}
