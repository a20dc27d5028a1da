import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';
import { IsKeyId, KmsRequest, NumericString, integerField, validateBody } from '@dew/contracts';
import {
  GRANT_OPERATION_ACTIONS, decide, grantRights, listGrants, requireIssuerHolds, retirableGrants, validateGrantOperations,
  type Grant, type GrantOperation, type IssuerRights, type Keyring, type OperationDecision,
} from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, IamDecisions, RpcRegistry } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { KeyAccess } from '../keys/key-access.js';

class CreateGrantRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() grantee_principal!: string;
  @IsDefined() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) operations!: string[];
  @IsOptional() @IsString() name?: string;
  @IsOptional() @IsString() retiring_principal?: string;
  @IsOptional() @IsIn(['user', 'domain']) grantee_principal_type?: 'user' | 'domain';
}
class GrantIdRequest extends KmsRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
  @IsDefined() @IsString() grant_id!: string;
}
class PageRequest extends KmsRequest {
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() marker?: string;
}
class ListGrantsRequest extends PageRequest {
  @IsKeyId() @IsDefined() @IsString() key_id!: string;
}

const grantView = (g: Grant) => ({
  key_id: g.keyId,
  grant_id: g.grantId,
  grantee_principal: g.granteePrincipal,
  grantee_principal_type: g.granteePrincipalType,
  operations: g.operations,
  issuing_principal: g.issuingPrincipal,
  creation_date: String(g.createdAt),
  name: g.name,
  retiring_principal: g.retiringPrincipal ?? '',
});

function page(req: PageRequest): { limit: number; marker: number } {
  return {
    limit: req.limit === undefined ? 100 : integerField('limit', req.limit, 'KMS.1601'),
    marker: req.marker === undefined || req.marker === '' ? 0 : integerField('marker', req.marker, 'KMS.1602'),
  };
}

/**
 * Grants: a grantee may act on one key without any IAM policy, also from another
 * domain. create-grant and retire-grant are themselves grant operations, so they resolve the key
 * through KeyAccess (the key may live in another project); revoke and list are the owner's.
 */
@Injectable()
export class GrantHandlers implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly access: KeyAccess,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
    private readonly iam: IamDecisions,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.create-grant', (body, ctx) => this.create(validateBody(CreateGrantRequest, body), ctx));
    this.rpc.register('kms.revoke-grant', async (body, ctx) => {
      const req = validateBody(GrantIdRequest, body);
      await this.keyrings.execute(ctx, (s) => decide(s, { type: 'RevokeGrant', keyId: req.key_id, grantId: req.grant_id, now: this.clock.now() }));
      return {};
    });
    this.rpc.register('kms.retire-grant', async (body, ctx) => {
      const req = validateBody(GrantIdRequest, body);
      const keyring = this.access.resolve(ctx, req.key_id, 'retire-grant');
      const retiringCaller = { userId: ctx.userId, domainId: ctx.domainId };
      await this.keyrings.execute(ctx, (s) => decide(s, { type: 'RetireGrant', keyId: req.key_id, grantId: req.grant_id, retiringCaller, now: this.clock.now() }), keyring.projectId);
      return {};
    });
    this.rpc.register('kms.list-grants', async (body, ctx) => {
      const req = validateBody(ListGrantsRequest, body);
      const result = listGrants(this.keyrings.of(ctx.projectId), req.key_id, page(req));
      return { grants: result.grants.map(grantView), next_marker: result.nextMarker, truncated: result.truncated ? 'true' : 'false', total: result.total };
    });
    this.rpc.register('kms.list-retirable-grants', async (body, ctx) => {
      const { limit, marker } = page(validateBody(PageRequest, body));
      const caller = { userId: ctx.userId, domainId: ctx.domainId };
      const all = [...this.keyrings.all()].flatMap((k) => retirableGrants(k, caller));
      const grants = all.slice(marker, marker + limit);
      const end = marker + grants.length;
      return { grants: grants.map(grantView), next_marker: end < all.length ? String(end) : '', total: all.length, truncated: end < all.length ? 'true' : 'false' };
    });
  }

  async create(req: CreateGrantRequest, ctx: RequestContext) {
    const keyring = this.access.resolve(ctx, req.key_id, 'create-grant');
    const operations = validateGrantOperations(req.operations);
    requireIssuerHolds(req.key_id, operations, await this.#issuerRights(ctx, keyring, req.key_id, operations));
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

  /**
   * What the issuer holds on the key (docs/authorization.md "Grants"): IAM's Allow counts on keys
   * of the issuer's own project only, as in KeyAccess; its own grants count unless IAM denies.
   */
  async #issuerRights(ctx: RequestContext, keyring: Keyring, keyId: string, operations: readonly GrantOperation[]): Promise<IssuerRights> {
    const decisions = await this.iam.decide(ctx, operations.map((op) => GRANT_OPERATION_ACTIONS[op]), keyId);
    const ownProject = keyring.projectId === ctx.projectId;
    const iam = new Map<GrantOperation, OperationDecision>(operations.map((op) => {
      const decision = decisions.get(GRANT_OPERATION_ACTIONS[op]) ?? 'NoAllow';
      return [op, decision === 'Allow' && !ownProject ? 'NoAllow' : decision];
    }));
    return { iam, grants: grantRights(keyring, keyId, { userId: ctx.userId, domainId: ctx.domainId }) };
  }
}
