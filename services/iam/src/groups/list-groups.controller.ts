import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ListGroupsRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { byName, inCreationOrder } from '@dew/iam-domain';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView, listLinks } from '../iam-views.js';

/** `GET /v3/groups`, filtered by `name`. */
@Controller()
export class ListGroupsController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listGroups)
  list(@Payload() r: ListGroupsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listGroups> {
    this.commands.requireOwnDomain(ctx, r.domain_id);
    const state = this.commands.state(ctx);
    const groups = r.name === undefined ? inCreationOrder(state.groups.values()) : byName(state.groups, state.groupIdsByName, r.name);
    return { groups: groups.map((g) => groupView(g, state.domainId)), links: listLinks('/v3/groups') };
  }
}
