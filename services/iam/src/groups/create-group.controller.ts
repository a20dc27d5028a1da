import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type CreateGroupRequest } from '@dew/contracts';
import { requireGroup } from '@dew/iam-domain';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView } from '../iam-views.js';
import { newId } from '../users/user-writes.js';

/** `POST /v3/groups`. */
@Controller()
export class CreateGroupController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.createGroup)
  async create(@Payload() r: CreateGroupRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.createGroup>>> {
    this.commands.requireOwnDomain(ctx, r.group.domain_id);
    const groupId = newId();
    const state = await this.commands.run(ctx, (now) => ({ type: 'CreateGroup', groupId, name: r.group.name, description: r.group.description ?? '', now }));
    return new HttpReply({ group: groupView(requireGroup(state, groupId), state.domainId) }, 201);
  }
}
