import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type ListSecretsRequest } from '@dew/contracts';
import { listSecrets } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SecretSets } from './secret-sets.js';
import { secretView } from './views.js';

/** GET secrets: a page of the project's secrets by name, after `marker`. */
@Controller()
export class ListSecretsController {
  constructor(private readonly sets: SecretSets) {}

  @Handles(csmsOperations.listSecrets)
  list(@Payload() r: ListSecretsRequest, @Caller() ctx: RequestContext): ReplyOf<typeof csmsOperations.listSecrets> {
    const set = this.sets.of(ctx.projectId);
    const page = listSecrets(set, { ...(r.limit !== undefined ? { limit: Number(r.limit) } : {}), ...(r.marker ? { marker: r.marker } : {}) });
    return { secrets: page.secrets.map((s) => secretView(set, s)), page_info: { next_marker: page.nextMarker ?? null, previous_marker: null, current_count: page.secrets.length } };
  }
}
