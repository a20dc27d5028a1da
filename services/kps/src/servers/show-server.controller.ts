import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ReplyOf, type ServerIdRequest } from '@dew/contracts';
import { requireServer } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { serverView } from './server-view.js';

/** GET dew-servers/{server_id}. */
@Controller()
export class ShowServerController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.showServer)
  show(@Payload() r: ServerIdRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.showServer> {
    const set = this.sets.of(ctx);
    return { server: serverView(set, requireServer(set, ctx.projectId, r.server_id)) };
  }
}
