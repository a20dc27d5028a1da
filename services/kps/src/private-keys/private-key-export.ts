import { Injectable } from '@nestjs/common';
import { NoHostedPrivateKey } from '@dew/contracts';
import { requireVisibleKeypair } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { PrivateKeyVault } from './private-key-vault.js';

/** A hosted private key in clear, for its caller only: the KMS key must be usable by that caller (P6). */
@Injectable()
export class PrivateKeyExport {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault) {}

  async export(ctx: RequestContext, name: string): Promise<{ name: string; private_key: string }> {
    const keypair = requireVisibleKeypair(this.sets.of(ctx), ctx.userId, name);
    if (!keypair.privateKey) throw NoHostedPrivateKey(name, 'an export');
    return { name, private_key: await this.vault.reveal(ctx, keypair.privateKey) };
  }
}
