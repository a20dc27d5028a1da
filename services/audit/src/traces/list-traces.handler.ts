import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { DewError, NumericString, integerField, validateBody } from '@dew/contracts';
import { RpcRegistry } from '@dew/nest-kit';
import { TraceIndex } from './trace-index.js';

const HOUR = 3_600_000;
const WINDOW = 7 * 24 * HOUR;

class ListTracesRequest {
  @IsOptional() @IsIn(['system', 'data']) trace_type?: string;
  @IsOptional() @NumericString() @IsString() limit?: string;
  @IsOptional() @NumericString() @IsString() from?: string;
  @IsOptional() @NumericString() @IsString() to?: string;
  @IsOptional() @IsString() next?: string;
  @IsOptional() @IsString() trace_id?: string;
  @IsOptional() @IsString() service_type?: string;
  @IsOptional() @IsString() user?: string;
  @IsOptional() @IsString() resource_id?: string;
  @IsOptional() @IsString() resource_name?: string;
  @IsOptional() @IsString() resource_type?: string;
  @IsOptional() @IsString() trace_name?: string;
  @IsOptional() @IsIn(['normal', 'warning', 'incident']) trace_rating?: string;
}

/** GET /v3/{project_id}/traces (API.md §8): the caller's project only, newest first, last 7 days. */
@Injectable()
export class ListTracesHandler implements OnModuleInit {
  constructor(
    private readonly index: TraceIndex,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('cts.list-traces', async (body, ctx) => {
      const r = validateBody(ListTracesRequest, body);
      const now = Date.now();
      const limit = r.limit === undefined ? 10 : integerField('limit', r.limit);
      if (limit < 1 || limit > 200) throw new DewError('KMS.0308', `limit must be 1..200, got ${limit}`);
      const to = r.to === undefined ? now : integerField('to', r.to);
      const from = Math.max(r.from === undefined ? to - HOUR : integerField('from', r.from), now - WINDOW);
      const { traces, marker } = this.index.query({
        projectId: ctx.projectId,
        from,
        to: to + 1,
        limit,
        ...(r.next ? { next: r.next } : {}),
        ...(r.trace_id ? { traceId: r.trace_id } : {}),
        ...(r.service_type ? { serviceType: r.service_type } : {}),
        ...(r.user ? { user: r.user } : {}),
        ...(r.resource_id ? { resourceId: r.resource_id } : {}),
        ...(r.resource_name ? { resourceName: r.resource_name } : {}),
        ...(r.resource_type ? { resourceType: r.resource_type } : {}),
        ...(r.trace_name ? { traceName: r.trace_name } : {}),
        ...(r.trace_rating ? { traceRating: r.trace_rating } : {}),
      });
      return { traces, meta_data: { count: traces.length, marker } };
    });
  }
}
