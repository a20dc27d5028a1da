import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ListServersRequest, type ReplyOf } from '@dew/contracts';
import { listServers } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { serverView } from './server-view.js';

/** GET dew-servers: the project's servers by name, `limit` from `offset`. */
@Controller()
export class ListServersController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.listServers)
  list(@Payload() r: ListServersRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.listServers> {
    const set = this.sets.of(ctx);
    const page = listServers(set, ctx.projectId, { limit: r.limit, offset: r.offset });
    return { total: page.total, servers: page.servers.map((s) => serverView(set, s)) };
  }
}
