import { Injectable } from '@nestjs/common';
import type { ListRolesRequest } from '@dew/contracts';
import { inCreationOrder, SYSTEM_POLICIES } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks, systemPolicyView } from '../iam-views.js';
import { customPolicy, page } from './policy-lookups.js';

/** `GET /v3/roles`: the built-in policies, or with `domain_id` the account's custom ones. */
@Injectable()
export class PermissionCatalog {
  constructor(private readonly commands: AccountCommands) {}

  list(r: ListRolesRequest, ctx: RequestContext) {
    if (r.domain_id !== undefined) {
      this.commands.requireOwnDomain(ctx, r.domain_id);
      const state = this.commands.state(ctx);
      const custom = inCreationOrder(state.policies.values()).map((p) => customPolicy(state, p.id)).filter((p) => r.display_name === undefined || p.display_name === r.display_name);
      return { roles: page(custom, r), links: listLinks('/v3/roles'), total_number: custom.length };
    }
    const system = SYSTEM_POLICIES.filter((p) => (r.display_name === undefined || p.displayName === r.display_name) && (r.catalog === undefined || p.catalog === r.catalog)).map(systemPolicyView);
    return { roles: page(system, r), links: listLinks('/v3/roles') };
  }
}
