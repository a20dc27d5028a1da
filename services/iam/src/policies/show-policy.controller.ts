import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type RoleIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { attachmentsOfPolicy } from '@dew/iam-domain';
import { customPolicy } from './policy-lookups.js';

/** `GET /v3.0/OS-ROLE/roles/{role_id}`, with the number of attachments that reference it. */
@Controller()
export class ShowPolicyController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.showPolicy)
  show(@Payload() r: RoleIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.showPolicy> {
    const state = this.commands.state(ctx);
    return { role: { ...customPolicy(state, r.role_id), references: attachmentsOfPolicy(state, r.role_id).length } };
  }
}
