import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { requireGroup, requireMembership, requireUser } from '@dew/iam-domain';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { groupView, listLinks, userView } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { IsIamId } from '../iam-shape.js';
import { newId } from '../users/user.handlers.js';

class GroupFields {
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() description?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}
class CreateGroupFields extends GroupFields {
  @IsDefined() @IsString() declare name: string;
}
class CreateGroupRequest {
  @IsDefined() @ValidateNested() @Type(() => CreateGroupFields) group!: CreateGroupFields;
}
class UpdateGroupRequest {
  @IsIamId() @IsDefined() @IsString() group_id!: string;
  @IsDefined() @ValidateNested() @Type(() => GroupFields) group!: GroupFields;
}
class GroupIdRequest {
  @IsIamId() @IsDefined() @IsString() group_id!: string;
}
class MembershipRequest extends GroupIdRequest {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
}
class ListGroupsRequest {
  @IsOptional() @IsString() name?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}

/** User groups and membership. */
@Injectable()
export class GroupHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.create-group', CreateGroupRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.group.domain_id);
      const groupId = newId();
      const state = await this.commands.run(ctx, (now) => ({ type: 'CreateGroup', groupId, name: r.group.name, description: r.group.description ?? '', now }));
      return new HttpReply({ group: groupView(requireGroup(state, groupId), state.domainId) }, 201);
    });
    onRequest(this.rpc, 'iam.list-groups', ListGroupsRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.domain_id);
      const state = this.commands.state(ctx);
      const groups = Object.values(state.groups).filter((g) => r.name === undefined || g.name === r.name);
      return { groups: groups.map((g) => groupView(g, state.domainId)), links: listLinks('/v3/groups') };
    });
    onRequest(this.rpc, 'iam.show-group', GroupIdRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      return { group: groupView(requireGroup(state, r.group_id), state.domainId) };
    });
    onRequest(this.rpc, 'iam.update-group', UpdateGroupRequest, async (r, ctx) => {
      this.commands.requireOwnDomain(ctx, r.group.domain_id);
      const state = await this.commands.run(ctx, (now) => ({
        type: 'UpdateGroup',
        groupId: r.group_id,
        ...(r.group.name !== undefined ? { name: r.group.name } : {}),
        ...(r.group.description !== undefined ? { description: r.group.description } : {}),
        now,
      }));
      return { group: groupView(requireGroup(state, r.group_id), state.domainId) };
    });
    onRequest(this.rpc, 'iam.delete-group', GroupIdRequest, (r, ctx) => this.#change(ctx, (now) => ({ type: 'DeleteGroup', groupId: r.group_id, now })));
    onRequest(this.rpc, 'iam.list-users-for-group', GroupIdRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      const group = requireGroup(state, r.group_id);
      return { users: group.members.map((id) => userView(requireUser(state, id), state)), links: listLinks(`/v3/groups/${r.group_id}/users`) };
    });
    onRequest(this.rpc, 'iam.add-user-to-group', MembershipRequest, (r, ctx) =>
      this.#change(ctx, (now) => ({ type: 'AddUserToGroup', groupId: r.group_id, userId: r.user_id, now })));
    onRequest(this.rpc, 'iam.remove-user-from-group', MembershipRequest, (r, ctx) =>
      this.#change(ctx, (now) => ({ type: 'RemoveUserFromGroup', groupId: r.group_id, userId: r.user_id, now })));
    onRequest(this.rpc, 'iam.check-user-in-group', MembershipRequest, async (r, ctx) => {
      requireMembership(this.commands.state(ctx), r.group_id, r.user_id);
      return {};
    });
  }

  async #change(ctx: RequestContext, command: Parameters<AccountCommands['run']>[1]): Promise<object> {
    await this.commands.run(ctx, command);
    return {};
  }
}
