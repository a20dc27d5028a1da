import { randomUUID } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type CreateServerRequest, type ReplyOf } from '@dew/contracts';
import { requireServer, type ServerOs, type ServerStatus } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { optional } from '../optional.js';
import { serverFields, serverView } from './server-view.js';

/** A new server is a running Linux machine unless the request says otherwise. */
const NEW_SERVER_DEFAULTS: { readonly os: ServerOs; readonly status: ServerStatus } = { os: 'Linux', status: 'Running' };

/** POST dew-servers: a server of the project's inventory (docs/api-decisions.md, "Servers"). */
@Controller()
export class CreateServerController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.createServer)
  async create(@Payload() r: CreateServerRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.createServer>> {
    const serverId = randomUUID();
    const { state } = await this.sets.execute(ctx, { type: 'RegisterServer', serverId, projectId: ctx.projectId, ...NEW_SERVER_DEFAULTS, ...serverFields(r.server), name: r.server.name, address: r.server.address, ...optional('hostKey', r.server.host_key ?? undefined), now: Date.now() });
    return { server: serverView(state, requireServer(state, ctx.projectId, serverId)) };
  }
}
