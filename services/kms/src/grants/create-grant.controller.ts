import { randomBytes } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type CreateGrantRequest, type ReplyOf } from '@dew/contracts';
import { decide, requireIssuerHolds, validateGrantOperations } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KeyAccess } from '../keys/key-access.js';
import { IssuerRights } from './issuer-rights.js';

const row = kmsOperations.createGrant;

/**
 * create-grant: a grantee may act on one key without any IAM policy, also from another domain.
 * Itself a grant operation, so the key may live in another project (KeyAccess); the issuer may
 * pass on only operations it holds.
 */
@Controller()
export class CreateGrantController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly access: KeyAccess,
    private readonly issuer: IssuerRights,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.createGrant)
  async create(@Payload() req: CreateGrantRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.createGrant>> {
    const keyring = this.access.resolve(ctx, req.key_id, row.name);
    const operations = validateGrantOperations(req.operations);
    requireIssuerHolds(req.key_id, operations, await this.issuer.of(ctx, keyring, req.key_id, operations));
    const grantId = randomBytes(32).toString('hex');
    await this.keyrings.execute(
      ctx,
      (s) =>
        decide(s, {
          type: 'CreateGrant',
          keyId: req.key_id,
          grantId,
          granteePrincipal: req.grantee_principal,
          granteePrincipalType: req.grantee_principal_type ?? 'user',
          operations,
          ...(req.name !== undefined ? { name: req.name } : {}),
          ...(req.retiring_principal !== undefined ? { retiringPrincipal: req.retiring_principal } : {}),
          issuingPrincipal: ctx.userId,
          now: this.clock.now(),
        }),
      keyring.projectId,
    );
    return { grant_id: grantId };
  }
}
