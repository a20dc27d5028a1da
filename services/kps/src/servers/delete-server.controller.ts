import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ReplyOf, type ServerIdRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';

/** DELETE dew-servers/{server_id}: refused while a task runs on it. */
@Controller()
export class DeleteServerController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.deleteServer)
  async delete(@Payload() r: ServerIdRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.deleteServer>> {
    await this.sets.execute(ctx, { type: 'RemoveServer', projectId: ctx.projectId, serverId: r.server_id, now: Date.now() });
    return {};
  }
}
