import { Injectable } from '@nestjs/common';
import { actionMatches } from '@dew/iam-domain';
import { findKey, GRANT_OPERATION_ACTIONS, grantRights, keyPolicyVerdict, type GrantOperation, type IssuerRights as Rights, type Keyring, type OperationDecision } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { IamDecisions } from '@dew/nest-kit';

/**
 * What the issuer of a grant holds on the key (docs/authorization.md "Grants"): IAM's Allow counts
 * on keys of the issuer's own project only, as in KeyAccess; its own grants count unless IAM or the
 * key's policy denies. A key-policy Deny of an operation is an explicit Deny here too, so nobody
 * passes on through a grant what the key policy refuses them.
 */
@Injectable()
export class IssuerRights {
  constructor(private readonly iam: IamDecisions) {}

  async of(ctx: RequestContext, keyring: Keyring, keyId: string, operations: readonly GrantOperation[]): Promise<Rights> {
    const decisions = await this.iam.decide(ctx, operations.map((op) => GRANT_OPERATION_ACTIONS[op]), keyId);
    const ownProject = keyring.projectId === ctx.projectId;
    const who = { userId: ctx.userId, domainId: ctx.domainId };
    const policy = findKey(keyring, keyId)?.policy?.document;
    const iam = new Map<GrantOperation, OperationDecision>(operations.map((op) => {
      const action = GRANT_OPERATION_ACTIONS[op];
      if (keyPolicyVerdict(policy, who, action, actionMatches) === 'Deny') return [op, 'ExplicitDeny'];
      const decision = decisions.get(action) ?? 'NoAllow';
      return [op, decision === 'Allow' && !ownProject ? 'NoAllow' : decision];
    }));
    return { iam, grants: grantRights(keyring, keyId, who) };
  }
}
