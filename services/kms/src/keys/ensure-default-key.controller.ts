import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { KmsInternalFault, kmsOperations, type EnsureDefaultKeyRequest } from '@dew/contracts';
import { decide, findDefaultKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { NewVersions } from '../crypto/new-version.js';
import { Keyrings } from './keyrings.js';

/**
 * Bus only (csms): the caller's default key `<service>/default` (K3), created on first use;
 * concurrent first uses create one key, and the losers' keyring entries are erased.
 */
@Controller()
export class EnsureDefaultKeyController {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
  ) {}

  @Handles(kmsOperations.ensureDefaultKey)
  async ensure(@Payload() req: EnsureDefaultKeyRequest, @Caller() ctx: RequestContext) {
    const existing = findDefaultKey(this.keyrings.of(ctx.projectId), req.service);
    if (existing) return { key_id: existing.keyId };
    const keyId = randomUUID();
    const material = await this.versions.generated(keyId, 'AES_256');
    const { state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'EnsureDefaultKey', keyId, domainId: ctx.domainId, service: req.service, now: this.clock.now(), material }));
    const winner = findDefaultKey(state, req.service);
    if (winner?.keyId !== keyId) await this.versions.discard(keyId);
    if (!winner) throw KmsInternalFault(`default key of ${req.service} was not created`);
    return { key_id: winner.keyId };
  }
}
