import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ctsOperations, type ReplyOf, integerField, type ListTracesRequest, TraceLimitOutOfRange, NotSystemTracker } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { domainScope } from '@dew/read-models';
import { TraceIndex } from './trace-index.js';
import { traceWindow } from './trace-window.js';

/**
 * GET /v3/{project_id}/traces: the caller's project and its account-wide (IAM) traces,
 * newest first, inside the retention window (7 days unless DEW_AUDIT_RETENTION_DAYS says otherwise),
 * `from`/`to` in milliseconds (docs/cts-traces.md); `next` pages across the whole window.
 * DEW keeps only the system tracker: `trace_type=data` (object-storage data traces) has no traces.
 */
@Controller()
export class ListTracesController {
  constructor(
    private readonly index: TraceIndex,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    private readonly clock: Clock,
  ) {}

  @Handles(ctsOperations.listTraces)
  list(@Payload() r: ListTracesRequest, @Caller() ctx: RequestContext): ReplyOf<typeof ctsOperations.listTraces> {
    const limit = r.limit === undefined ? 10 : integerField('limit', r.limit, 'CTS.0003');
    if (limit < 1 || limit > 200) throw TraceLimitOutOfRange(limit);
    if (r.tracker_name !== undefined && r.tracker_name !== 'system' && r.trace_type !== 'data') {
      throw NotSystemTracker(r.tracker_name);
    }
    const { from, to } = traceWindow(r, this.clock.now(), this.settings.auditRetentionMs);
    if (r.trace_type === 'data') return { traces: [], meta_data: { count: 0, marker: null } };
    const { traces, marker } = this.index.query({
      scopes: [ctx.projectId, domainScope(ctx.domainId)],
      from,
      to,
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
      ...(r.access_key_id ? { accessKeyId: r.access_key_id } : {}),
      ...(r.enterprise_project_id ? { enterpriseProjectId: r.enterprise_project_id } : {}),
    });
    return { traces, meta_data: { count: traces.length, marker } };
  }
}
