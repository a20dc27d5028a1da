import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DhsmFieldInvalid, dhsmOperations, quote, type ListHsmRequest, type ReplyOf } from '@dew/contracts';
import { instancesInOrder } from '@dew/hsm-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { HsmInstanceSets } from './instance-sets.js';
import { listItem } from './views.js';

const LIMIT = { default: 50, max: 1000 } as const;

function queryNumber(field: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw DhsmFieldInvalid(field, `be an integer ${min}..${max}`, quote(value.slice(0, 32)));
  return n;
}

/** GET dew-hsm/instances: the project's instances by creation (guide table 4-4), paged by offset. */
@Controller()
export class ListHsmsController {
  constructor(private readonly sets: HsmInstanceSets) {}

  @Handles(dhsmOperations.listHsms)
  list(@Payload() r: ListHsmRequest, @Caller() ctx: RequestContext): ReplyOf<typeof dhsmOperations.listHsms> {
    const limit = queryNumber('limit', r.limit, LIMIT.default, 1, LIMIT.max);
    const offset = queryNumber('offset', r.offset, 0, 0, 9_999_999);
    const all = instancesInOrder(this.sets.of(ctx.projectId));
    return { instances: all.slice(offset, offset + limit).map(listItem), total_count: all.length };
  }
}
