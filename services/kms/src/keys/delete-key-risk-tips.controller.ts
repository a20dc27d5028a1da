import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { keyDependents, liveKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Audit, Caller, Handles } from '@dew/nest-kit';
import { UsableKeys } from '../crypto/usable-key.js';
import { DependentResources } from './dependent-resources.js';
import { Keyrings } from './keyrings.js';

const row = kmsOperations.deleteKeyRiskTips;
const trace = row.trace!;

/** DEW extension (docs/api-decisions.md, "Extensions", K16): what deleting a key would break; audited. */
@Controller()
export class DeleteKeyRiskTipsController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly dependents: DependentResources,
    private readonly keys: UsableKeys,
    private readonly audit: Audit,
  ) {}

  @Handles(kmsOperations.deleteKeyRiskTips)
  async report(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deleteKeyRiskTips>> {
    const keyring = this.keyrings.of(ctx.projectId);
    const key = liveKey(keyring, req.key_id);
    const { grants } = keyDependents(keyring, key.keyId);
    const dependents = await this.dependents.of(key.keyId, ctx);
    await this.audit.record(ctx, { traceName: trace.name, resourceType: trace.resourceType, resourceId: key.keyId, resourceName: key.alias, request: { key_id: key.keyId } });
    const lastUsed = this.keys.lastUsed(key.keyId);
    return { key_id: key.keyId, dependents, grants, last_used_time: lastUsed === undefined ? '' : String(lastUsed) };
  }
}
