import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type DisassociateKeypairRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { BindTasks } from './bind-tasks.js';

/** POST keypairs/disassociate: Running needs `auth`; Shut down only forgets the binding (P4). */
@Controller()
export class DisassociateKeypairController {
  constructor(private readonly tasks: BindTasks) {}

  @Handles(kpsOperations.disassociateKeypair)
  disassociate(@Payload() r: DisassociateKeypairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.disassociateKeypair>> {
    return this.tasks.disassociate(ctx, r);
  }
}
