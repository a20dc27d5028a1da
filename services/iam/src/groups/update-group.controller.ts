import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type UpdateGroupRequest } from '@dew/contracts';
import { requireGroup } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView } from '../iam-views.js';

/** `PATCH /v3/groups/{group_id}`: a new name, a new description or both. */
@Controller()
export class UpdateGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.updateGroup)
  async update(@Payload() r: UpdateGroupRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof iamOperations.updateGroup>> {
    this.commands.requireOwnDomain(ctx, r.group.domain_id);
    const state = await this.commands.run(ctx, (now) => ({
      type: 'UpdateGroup',
      groupId: r.group_id,
      ...(r.group.name !== undefined ? { name: r.group.name } : {}),
      ...(r.group.description !== undefined ? { description: r.group.description } : {}),
      now,
    }));
    return { group: groupView(requireGroup(state, r.group_id), state.domainId) };
  }
}
