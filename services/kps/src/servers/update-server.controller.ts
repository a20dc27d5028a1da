import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ReplyOf, type UpdateServerRequest } from '@dew/contracts';
import { requireServer } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { BindTasks } from '../binding/bind-tasks.js';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { serverFields, serverView } from './server-view.js';

/** PUT dew-servers/{server_id}: `host_key` pins or (null) forgets the host key; a server turning Running runs its READY reset. */
@Controller()
export class UpdateServerController {
  constructor(private readonly sets: KeypairSets, private readonly tasks: BindTasks) {}

  @Handles(kpsOperations.updateServer)
  async update(@Payload() r: UpdateServerRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.updateServer>> {
    await this.sets.execute(ctx, { type: 'ChangeServer', projectId: ctx.projectId, serverId: r.server_id, ...serverFields(r.server), now: Date.now() });
    if (r.server.host_key !== undefined) {
      await this.sets.execute(ctx, { type: 'PinHostKey', projectId: ctx.projectId, serverId: r.server_id, hostKey: r.server.host_key, now: Date.now() }, 'host-key');
    }
    if (r.server.status === 'Running') await this.tasks.runReady(ctx, r.server_id);
    const set = this.sets.of(ctx);
    return { server: serverView(set, requireServer(set, ctx.projectId, r.server_id)) };
  }
}
