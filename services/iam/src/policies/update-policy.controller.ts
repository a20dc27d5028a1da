import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UpdatePolicyRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { customPolicy, policyFields } from './policy-lookups.js';

/** `PATCH /v3.0/OS-ROLE/roles/{role_id}`: the whole RoleOption again. */
@Controller()
export class UpdatePolicyController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.updatePolicy)
  async update(@Payload() r: UpdatePolicyRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.updatePolicy>> {
    const state = await this.commands.run(ctx, (now) => ({ type: 'UpdatePolicy', policyId: r.role_id, ...policyFields(r.role), now }));
    return { role: customPolicy(state, r.role_id) };
  }
}
