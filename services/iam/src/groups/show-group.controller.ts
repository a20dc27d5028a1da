import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type GroupIdRequest } from '@dew/contracts';
import { requireGroup } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView } from '../iam-views.js';

/** `GET /v3/groups/{group_id}`. */
@Controller()
export class ShowGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.showGroup)
  show(@Payload() r: GroupIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.showGroup> {
    const state = this.commands.state(ctx);
    return { group: groupView(requireGroup(state, r.group_id), state.domainId) };
  }
}
