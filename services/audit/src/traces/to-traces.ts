import type { AuditRecord } from '@dew/contracts';
import type { StoredMessage } from '@dew/event-store';
import { TRACE_NAMES, type Trace } from './trace.js';

/** Event fields a trace may show (allow-list: events hold only wrapped material, but keep traces lean). */
const SHOWN = ['keyId', 'alias', 'keySpec', 'keyUsage', 'origin', 'pendingDays', 'enterpriseProjectId', 'grantId', 'granteePrincipal', 'secretId', 'name', 'versionId', 'stage', 'intervalDays', 'trigger', 'reason', 'userId', 'groupId', 'policyId', 'wrappingKeyId'];

const SUBJECT = /^evt\.([a-z]+)\.([^.]+)\./;

/** A record of an operation that changed nothing (crypto, reads of secrets), stored as its trace. */
export function fromAuditRecord(record: AuditRecord, recordTime: number): Trace {
  return { ...record, request: JSON.stringify(record.request), record_time: recordTime };
}

/** Each event of a state change is its own trace; ids derive from stream and sequence (replayable). */
export function fromEventMessage(stream: string, msg: StoredMessage<Record<string, unknown>>, recordTime: number): Trace[] {
  const [, context = '', projectId = ''] = SUBJECT.exec(msg.subject) ?? [];
  const h = msg.headers;
  return msg.events.map((event, i) => {
    const type = String(event.type);
    const known = TRACE_NAMES[type];
    const request: Record<string, string> = {};
    for (const field of SHOWN) {
      const value = event[field];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') request[field] = String(value);
    }
    const traceType = h['Dew-Trace-Type'] ?? 'ApiCall';
    return {
      trace_id: `${stream}-${msg.streamSequence}-${i}`,
      trace_name: known?.name ?? type.charAt(0).toLowerCase() + type.slice(1),
      trace_rating: 'normal',
      trace_type: traceType,
      service_type: context.toUpperCase(),
      resource_type: known?.resource ?? context,
      resource_id: String(event.keyId ?? event.secretId ?? event.userId ?? event.groupId ?? event.policyId ?? event.projectId ?? ''),
      resource_name: String(event.alias ?? event.name ?? ''),
      code: '200',
      user: { id: h['Dew-User-Id'] ?? '', name: h['Dew-User-Name'] ?? '', domain: { id: h['Dew-Domain-Id'] ?? '' } },
      source_ip: h['Dew-Source-Ip'] ?? '',
      request: JSON.stringify(request),
      time: msg.time.getTime(),
      record_time: recordTime,
      request_id: h['Dew-Request-Id'] ?? '',
      api_version: context === 'csms' ? 'v1' : context === 'iam' ? 'v3' : 'v1.0',
      project_id: context === 'iam' ? '' : projectId,
    } satisfies Trace;
  });
}
