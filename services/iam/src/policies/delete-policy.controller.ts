import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type RoleIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';

/** `DELETE /v3.0/OS-ROLE/roles/{role_id}`; an attached policy stays (the domain refuses). */
@Controller()
export class DeletePolicyController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.deletePolicy)
  async delete(@Payload() r: RoleIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.deletePolicy>> {
    await this.commands.run(ctx, (now) => ({ type: 'DeletePolicy', policyId: r.role_id, now }));
    return { message: 'Delete success' };
  }
}
