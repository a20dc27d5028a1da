import { Injectable } from '@nestjs/common';
import type { SecretTagCommand } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { SecretSets } from '../secrets/secret-sets.js';

/** A tag command as a controller builds it; the service stamps the time. */
export type TagChange = WithoutTime<SecretTagCommand>;
type WithoutTime<C> = C extends SecretTagCommand ? Omit<C, 'now'> : never;

/** Tag changes of a secret addressed by id (the tag routes answer 204, no body). */
@Injectable()
export class SecretTags {
  constructor(
    private readonly sets: SecretSets,
    private readonly clock: Clock,
  ) {}

  async change(ctx: RequestContext, change: TagChange): Promise<void> {
    await this.sets.execute(ctx, { ...change, now: this.clock.now() });
  }
}
