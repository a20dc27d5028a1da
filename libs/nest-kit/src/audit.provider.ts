import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import type { AuditRecord, AuditUser, Operation, TraceSpec } from '@dew/contracts';
import { ensureStream } from '@dew/event-store';
import { AuditPublisher, streams, subjects, type RequestContext } from '@dew/messaging';
import { NATS_CONNECTION, SERVICE_SETTINGS, type ServiceSettings } from './config.js';
import { Clock } from './clock.js';

export interface AuditEntry {
  readonly traceName: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly resourceName: string;
  /** Allow-listed request fields only (see `allowListed`). */
  readonly request: Readonly<Record<string, string>>;
  /** Refused requests are warnings, faults incidents; default normal / 200. */
  readonly rating?: 'normal' | 'warning' | 'incident';
  readonly code?: string;
  /** The service the operation belongs to, when it is not the recording service (the gateway). */
  readonly serviceType?: string;
  /** The answer's fields that are not secret (docs/cts-traces.md); default none. */
  readonly response?: object;
  /** A refusal's message and code (CTS `message`, `location_info`). */
  readonly message?: string;
  readonly locationInfo?: string;
  readonly enterpriseProjectId?: string;
  /** Operations audited here change nothing unless said otherwise (a refused write). */
  readonly readOnly?: boolean;
}

/**
 * The service side of the AUDIT stream: it exists with the configured max age (retention is the
 * stream's, not a cron job's), and `record` returns only once the record is stored.
 */
@Injectable()
export class Audit implements OnModuleInit {
  #publisher!: AuditPublisher;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await ensureStream(await jetstreamManager(this.nc), {
      name: streams.audit.name,
      subjects: [...streams.audit.subjects],
      maxAgeMs: this.settings.auditRetentionMs,
      replicas: this.settings.streamReplicas,
    });
    this.#publisher = new AuditPublisher(this.nc, (r) => subjects.auditRecord(this.settings.service, r.project_id));
  }

  record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    const record: AuditRecord = {
      trace_id: randomUUID(),
      trace_name: entry.traceName,
      trace_rating: entry.rating ?? 'normal',
      trace_type: ctx.traceType,
      service_type: entry.serviceType ?? this.settings.service.toUpperCase(),
      resource_type: entry.resourceType,
      resource_id: entry.resourceId,
      resource_name: entry.resourceName,
      code: entry.code ?? '200',
      user: auditUser(ctx),
      source_ip: ctx.sourceIp,
      request: entry.request,
      time: this.clock.now(),
      request_id: ctx.requestId,
      api_version: 'v1.0',
      project_id: ctx.projectId,
      response: JSON.stringify(entry.response ?? {}),
      message: (entry.message ?? '').slice(0, 1024),
      location_info: entry.locationInfo ?? '',
      endpoint: ctx.endpoint ?? '',
      ...(entry.enterpriseProjectId ? { enterprise_project_id: entry.enterpriseProjectId } : {}),
      read_only: entry.readOnly ?? true,
    };
    return this.#publisher.record(record);
  }
}

function auditUser(ctx: RequestContext): AuditUser {
  return {
    id: ctx.userId,
    name: ctx.userName,
    domain: { id: ctx.domainId, ...(ctx.domainName ? { name: ctx.domainName } : {}) },
    ...(ctx.accessKeyId ? { access_key_id: ctx.accessKeyId } : {}),
    ...(ctx.rootUser !== undefined ? { root_user: ctx.rootUser } : {}),
  };
}

/** The trace an audited read records under: its row's (docs/cts-traces.md), so the name is declared once. */
export function auditTraceOf(row: Operation): TraceSpec {
  if (!row.trace) throw new Error(`operation ${row.name} is an audited read without a trace`);
  return row.trace;
}
