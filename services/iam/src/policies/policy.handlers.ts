import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { PageInvalid, PerPageInvalid } from '@dew/contracts';
import {
  SYSTEM_POLICIES,
  findSystemPolicy,
  requireAttachedPolicy,
  requireCustomPolicy,
  requireGroup,
  sameScope,
  type ActiveAccount,
  type AttachmentScope,
} from '@dew/iam-domain';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { customPolicyView, listLinks, systemPolicyView } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { IsIamId } from '../iam-shape.js';

class RoleOption {
  @IsDefined() @IsString() display_name!: string;
  @IsDefined() @IsIn(['AX', 'XA']) type!: 'AX' | 'XA';
  @IsDefined() @IsString() description!: string;
  @IsOptional() @IsString() description_cn?: string;
  /** Checked by the domain, which names the bad statement. */
  @IsDefined() policy!: unknown;
}
class CreatePolicyRequest {
  @IsDefined() @ValidateNested() @Type(() => RoleOption) role!: RoleOption;
}
class RoleIdRequest {
  @IsIamId() @IsDefined() @IsString() role_id!: string;
}
class UpdatePolicyRequest extends CreatePolicyRequest {
  @IsIamId() @IsDefined() @IsString() role_id!: string;
}
class ListRolesRequest {
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
  @IsOptional() @IsString() display_name?: string;
  @IsOptional() @IsString() catalog?: string;
  @IsOptional() @IsString() type?: string;
  @IsOptional() @IsString() page?: string;
  @IsOptional() @IsString() per_page?: string;
}
class AttachmentRequest {
  @IsIamId() @IsDefined() @IsString() group_id!: string;
  @IsIamId() @IsOptional() @IsString() role_id?: string;
  @IsIamId() @IsOptional() @IsString() project_id?: string;
  @IsIamId() @IsOptional() @IsString() domain_id?: string;
}

type ScopeKind = AttachmentScope['kind'];

/** One page of a list (`page` from 1, `per_page` 1..300) as /v3/roles and OS-ROLE/roles take it. */
function page<T>(items: readonly T[], r: { page?: string; per_page?: string }): T[] {
  if (r.page === undefined && r.per_page === undefined) return [...items];
  const pageNo = Number(r.page ?? '1');
  const perPage = Number(r.per_page ?? '300');
  if (!Number.isInteger(pageNo) || pageNo < 1) throw PageInvalid(String(r.page));
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 300) throw PerPageInvalid(300, String(r.per_page));
  return items.slice((pageNo - 1) * perPage, pageNo * perPage);
}

/** Custom policies, system permissions and their attachment to groups. */
@Injectable()
export class PolicyHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.create-policy', CreatePolicyRequest, async (r, ctx) => {
      const policyId = randomBytes(16).toString('hex');
      const state = await this.commands.run(ctx, (now) => ({ type: 'CreatePolicy', policyId, ...option(r.role), now }));
      return new HttpReply({ role: this.#custom(state, policyId) }, 201);
    });
    onRequest(this.rpc, 'iam.update-policy', UpdatePolicyRequest, async (r, ctx) => {
      const state = await this.commands.run(ctx, (now) => ({ type: 'UpdatePolicy', policyId: r.role_id, ...option(r.role), now }));
      return { role: this.#custom(state, r.role_id) };
    });
    onRequest(this.rpc, 'iam.delete-policy', RoleIdRequest, async (r, ctx) => {
      await this.commands.run(ctx, (now) => ({ type: 'DeletePolicy', policyId: r.role_id, now }));
      return { message: 'Delete success' };
    });
    onRequest(this.rpc, 'iam.show-policy', RoleIdRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      return { role: { ...this.#custom(state, r.role_id), references: state.attachments.filter((a) => a.policyId === r.role_id).length } };
    });
    onRequest(this.rpc, 'iam.list-policies', ListRolesRequest, async (r, ctx) => {
      const state = this.commands.state(ctx);
      const all = Object.keys(state.policies).map((id) => this.#custom(state, id));
      return { roles: page(all, r), links: listLinks('/v3.0/OS-ROLE/roles'), total_number: all.length };
    });
    onRequest(this.rpc, 'iam.list-permissions', ListRolesRequest, async (r, ctx) => {
      if (r.domain_id !== undefined) {
        this.commands.requireOwnDomain(ctx, r.domain_id);
        const state = this.commands.state(ctx);
        const custom = Object.keys(state.policies).map((id) => this.#custom(state, id)).filter((p) => r.display_name === undefined || p.display_name === r.display_name);
        return { roles: page(custom, r), links: listLinks('/v3/roles'), total_number: custom.length };
      }
      const system = SYSTEM_POLICIES.filter((p) => (r.display_name === undefined || p.displayName === r.display_name) && (r.catalog === undefined || p.catalog === r.catalog)).map(systemPolicyView);
      return { roles: page(system, r), links: listLinks('/v3/roles') };
    });
    onRequest(this.rpc, 'iam.show-permission', RoleIdRequest, async (r, ctx) => {
      const system = findSystemPolicy(r.role_id);
      return { role: system ? systemPolicyView(system) : this.#custom(this.commands.state(ctx), r.role_id) };
    });

    for (const kind of ['project', 'domain', 'all-projects'] as const) {
      const suffix = kind === 'all-projects' ? 'all-projects' : kind;
      onRequest(this.rpc, `iam.attach-policy-${suffix}`, AttachmentRequest, (r, ctx) => this.#attach('AttachPolicy', kind, r, ctx));
      onRequest(this.rpc, `iam.detach-policy-${suffix}`, AttachmentRequest, (r, ctx) => this.#attach('DetachPolicy', kind, r, ctx));
      onRequest(this.rpc, `iam.check-policy-${suffix}`, AttachmentRequest, async (r, ctx) => {
        const scope = this.#scope(kind, r, ctx);
        requireAttachedPolicy(this.commands.state(ctx), r.group_id, r.role_id ?? '', scope);
        return {};
      });
      onRequest(this.rpc, `iam.list-policies-${suffix}`, AttachmentRequest, async (r, ctx) => {
        const state = this.commands.state(ctx);
        return { roles: this.#attached(kind, r, ctx).map((a) => this.#anyPolicy(state, a.policyId)), links: listLinks('/v3/roles') };
      });
    }
  }

  async #attach(type: 'AttachPolicy' | 'DetachPolicy', kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext): Promise<object> {
    const scope = this.#scope(kind, r, ctx);
    await this.commands.run(ctx, (now) => ({ type, groupId: r.group_id, policyId: r.role_id ?? '', scope, now }));
    return {};
  }

  #attached(kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext) {
    const scope = this.#scope(kind, r, ctx);
    const state = this.commands.state(ctx);
    requireGroup(state, r.group_id);
    return state.attachments.filter((a) => a.groupId === r.group_id && sameScope(a.scope, scope));
  }

  #scope(kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext): AttachmentScope {
    if (kind === 'project') return { kind, projectId: r.project_id ?? '' };
    this.commands.requireOwnDomain(ctx, r.domain_id);
    return { kind };
  }

  #custom(state: ActiveAccount, id: string) {
    return customPolicyView(requireCustomPolicy(state, id), state.domainId);
  }

  #anyPolicy(state: ActiveAccount, id: string) {
    const system = findSystemPolicy(id);
    return system ? systemPolicyView(system) : this.#custom(state, id);
  }
}

function option(role: RoleOption) {
  return { displayName: role.display_name, policyType: role.type, description: role.description, ...(role.description_cn !== undefined ? { descriptionCn: role.description_cn } : {}), document: role.policy };
}
