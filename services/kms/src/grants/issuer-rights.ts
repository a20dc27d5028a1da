import { Injectable } from '@nestjs/common';
import { GRANT_OPERATION_ACTIONS, grantRights, type GrantOperation, type IssuerRights as Rights, type Keyring, type OperationDecision } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { IamDecisions } from '@dew/nest-kit';

/**
 * What the issuer of a grant holds on the key (docs/authorization.md "Grants"): IAM's Allow counts
 * on keys of the issuer's own project only, as in KeyAccess; its own grants count unless IAM denies.
 */
@Injectable()
export class IssuerRights {
  constructor(private readonly iam: IamDecisions) {}

  async of(ctx: RequestContext, keyring: Keyring, keyId: string, operations: readonly GrantOperation[]): Promise<Rights> {
    const decisions = await this.iam.decide(ctx, operations.map((op) => GRANT_OPERATION_ACTIONS[op]), keyId);
    const ownProject = keyring.projectId === ctx.projectId;
    const iam = new Map<GrantOperation, OperationDecision>(operations.map((op) => {
      const decision = decisions.get(GRANT_OPERATION_ACTIONS[op]) ?? 'NoAllow';
      return [op, decision === 'Allow' && !ownProject ? 'NoAllow' : decision];
    }));
    return { iam, grants: grantRights(keyring, keyId, { userId: ctx.userId, domainId: ctx.domainId }) };
  }
}
