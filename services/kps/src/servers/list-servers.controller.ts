import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type ListServersRequest, type ReplyOf } from '@dew/contracts';
import { pageLimit, pageOffset, serversOfProject } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { queryInteger } from '../query-numbers.js';
import { serverView } from './server-view.js';

/** GET dew-servers: the project's servers by name, `limit` from `offset`. */
@Controller()
export class ListServersController {
  constructor(private readonly sets: KeypairSets) {}

  @Handles(kpsOperations.listServers)
  list(@Payload() r: ListServersRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kpsOperations.listServers> {
    const set = this.sets.of(ctx);
    const all = serversOfProject(set, ctx.projectId);
    const offset = pageOffset(queryInteger('offset', r.offset));
    return { total: all.length, servers: all.slice(offset, offset + pageLimit(queryInteger('limit', r.limit))).map((s) => serverView(set, s)) };
  }
}
