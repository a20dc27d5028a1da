import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type KeypairNameRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { PrivateKeyVault } from './private-key-vault.js';

/** DELETE keypairs/{keypair_name}/private-key: KPS stops hosting it and shreds it. */
@Controller()
export class ClearPrivateKeyController {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault) {}

  @Handles(kpsOperations.clearPrivateKey)
  async clear(@Payload() r: KeypairNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.clearPrivateKey>> {
    const { events } = await this.sets.execute(ctx, { type: 'ClearPrivateKey', userId: ctx.userId, name: r.keypair_name, now: Date.now() });
    for (const e of events) if (e.type === 'PrivateKeyCleared') await this.vault.shred(e.owner);
    return {};
  }
}
