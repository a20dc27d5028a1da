import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type KeypairNameRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PrivateKeyVault } from '../private-keys/private-key-vault.js';
import { KeypairSets } from './keypair-sets.js';

/** DELETE keypairs/{keypair_name}: the hosted private key is shredded; bound servers keep their key line (P5). */
@Controller()
export class DeleteKeypairController {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault) {}

  @Handles(kpsOperations.deleteKeypair)
  async delete(@Payload() r: KeypairNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.deleteKeypair>> {
    const { events } = await this.sets.execute(ctx, { type: 'DeleteKeypair', userId: ctx.userId, name: r.keypair_name, now: Date.now() });
    for (const e of events) if (e.type === 'KeypairDeleted' && e.privateKeyOwner) await this.vault.shred(e.privateKeyOwner);
    return {};
  }
}
