import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DewError, kpsOperations, type BatchAssociateKeypairRequest, type ReplyOf, type TaskAcceptedReply } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { BindTasks } from './bind-tasks.js';

/** POST keypairs/batch-associate: up to 10 servers; each is accepted or refused on its own. */
@Controller()
export class BatchAssociateKeypairController {
  constructor(private readonly tasks: BindTasks) {}

  @Handles(kpsOperations.batchAssociateKeypair)
  async associate(@Payload() r: BatchAssociateKeypairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.batchAssociateKeypair>> {
    const tasks: TaskAcceptedReply[] = [];
    for (const [i, item] of r.batch_keypairs.entries()) {
      try {
        tasks.push(await this.tasks.associate(ctx, item, `item-${i}`));
      } catch (err) {
        if (!(err instanceof DewError) || err.status >= 500) throw err;
        tasks.push({ task_id: '', server_id: item.server.id, status: 'FAILED', error_code: err.code, error_msg: err.message });
      }
    }
    return { tasks };
  }
}
