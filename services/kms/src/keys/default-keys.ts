import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { KmsInternalFault } from '@dew/contracts';
import { decide, findDefaultKey } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { NewVersions } from '../crypto/new-version.js';
import { Keyrings } from './keyrings.js';

/**
 * A service's default key `<service>/default`, created on first use. Material is made before the
 * decision (decide is pure); when concurrent first uses race, one key wins and the losers'
 * keyring entries are erased, so no unreferenced material stays behind.
 */
@Injectable()
export class DefaultKeys {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
  ) {}

  async ensure(ctx: RequestContext, service: string): Promise<string> {
    const existing = findDefaultKey(this.keyrings.of(ctx.projectId), service);
    if (existing) return existing.keyId;
    const keyId = randomUUID();
    const material = await this.versions.generated(keyId, 'AES_256');
    const { state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'EnsureDefaultKey', keyId, domainId: ctx.domainId, service, now: this.clock.now(), material }));
    const winner = findDefaultKey(state, service);
    if (winner?.keyId !== keyId) await this.versions.discard(keyId);
    if (!winner) throw KmsInternalFault(`default key of ${service} was not created`);
    return winner.keyId;
  }
}
