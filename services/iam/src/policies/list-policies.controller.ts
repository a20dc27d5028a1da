import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ListRolesRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { inCreationOrder } from '@dew/iam-domain';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks } from '../iam-views.js';
import { customPolicy, page } from './policy-lookups.js';

/** `GET /v3.0/OS-ROLE/roles`: the account's custom policies, one page of them. */
@Controller()
export class ListPoliciesController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listPolicies)
  list(@Payload() r: ListRolesRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listPolicies> {
    const state = this.commands.state(ctx);
    const all = inCreationOrder(state.policies.values()).map((p) => customPolicy(state, p.id));
    return { roles: page(all, r), links: listLinks('/v3.0/OS-ROLE/roles'), total_number: all.length };
  }
}
