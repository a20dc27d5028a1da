import { randomBytes } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type CreatePolicyRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { customPolicy, policyFields } from './policy-lookups.js';

/** `POST /v3.0/OS-ROLE/roles`: a custom policy; the domain checks its document. */
@Controller()
export class CreatePolicyController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.createPolicy)
  async create(@Payload() r: CreatePolicyRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.createPolicy>>> {
    const policyId = randomBytes(16).toString('hex');
    const state = await this.commands.run(ctx, (now) => ({ type: 'CreatePolicy', policyId, ...policyFields(r.role), now }));
    return new HttpReply({ role: customPolicy(state, policyId) }, 201);
  }
}
