import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DewError, kpsOperations, type BatchImportKeypairsRequest, type CreateKeypairReply, type FailedKeypairReply, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { NewKeypairs } from './new-keypairs.js';

/** POST keypairs/batch-import: each item as create-keypair; a refused item is reported, the others go on. */
@Controller()
export class BatchImportKeypairsController {
  constructor(private readonly keypairs: NewKeypairs) {}

  @Handles(kpsOperations.batchImportKeypairs)
  async import(@Payload() r: BatchImportKeypairsRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.batchImportKeypairs>> {
    const succeeded: CreateKeypairReply[] = [];
    const failed: FailedKeypairReply[] = [];
    for (const [i, item] of r.items.entries()) {
      try {
        succeeded.push(await this.keypairs.create(ctx, item.keypair, `item-${i}`));
      } catch (err) {
        if (!(err instanceof DewError) || err.status >= 500) throw err;
        failed.push({ keypair_name: item.keypair.name, failed_reason: `${err.code}: ${err.message}` });
      }
    }
    return { succeeded_keypairs: succeeded, failed_keypairs: failed };
  }
}
