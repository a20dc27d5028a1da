import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type BootstrapRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { FirstAccount } from './first-account.js';

/** The first account and its administrator (`make run`); only the local runner's NATS user may publish this subject. */
@Controller()
export class BootstrapController {
  constructor(private readonly firstAccount: FirstAccount) {}

  @Handles(iamOperations.bootstrap)
  bootstrap(@Payload() req: BootstrapRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.bootstrap>> {
    return this.firstAccount.bootstrap(req, ctx);
  }
}
