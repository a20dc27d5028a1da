import { Injectable } from '@nestjs/common';
import type { AttachmentRequest, NoContentReply } from '@dew/contracts';
import { attachmentsOfGroup, requireAttachedPolicy, requireGroup, sameScope, type AttachmentScope } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { AccountCommands } from '../accounts/account-commands.js';
import { listLinks } from '../iam-views.js';
import { anyPolicy } from './policy-lookups.js';

type ScopeKind = AttachmentScope['kind'];

/**
 * A group's policies on a project, on the domain or on all its projects (OS-INHERIT). The path
 * names the scope; a domain in the path must be the caller's own.
 */
@Injectable()
export class PolicyAttachments {
  constructor(private readonly commands: AccountCommands) {}

  async change(type: 'AttachPolicy' | 'DetachPolicy', kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext): Promise<NoContentReply> {
    const scope = this.#scope(kind, r, ctx);
    await this.commands.run(ctx, (now) => ({ type, groupId: r.group_id, policyId: r.role_id ?? '', scope, now }));
    return {};
  }

  check(kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext): NoContentReply {
    const scope = this.#scope(kind, r, ctx);
    requireAttachedPolicy(this.commands.state(ctx), r.group_id, r.role_id ?? '', scope);
    return {};
  }

  list(kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext) {
    const state = this.commands.state(ctx);
    const scope = this.#scope(kind, r, ctx);
    requireGroup(state, r.group_id);
    const attached = attachmentsOfGroup(state, r.group_id).filter((a) => sameScope(a.scope, scope));
    return { roles: attached.map((a) => anyPolicy(a.policyId, () => state)), links: listLinks('/v3/roles') };
  }

  #scope(kind: ScopeKind, r: AttachmentRequest, ctx: RequestContext): AttachmentScope {
    if (kind === 'project') return { kind, projectId: r.project_id ?? '' };
    this.commands.requireOwnDomain(ctx, r.domain_id);
    return { kind };
  }
}
