import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type AssociateKeypairRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { BindTasks } from './bind-tasks.js';

/** POST keypairs/associate: bind, replace or reset, as a task (P4). */
@Controller()
export class AssociateKeypairController {
  constructor(private readonly tasks: BindTasks) {}

  @Handles(kpsOperations.associateKeypair)
  associate(@Payload() r: AssociateKeypairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.associateKeypair>> {
    return this.tasks.associate(ctx, r);
  }
}
