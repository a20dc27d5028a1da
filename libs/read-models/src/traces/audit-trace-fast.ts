import type { AuditRecord } from '@dew/contracts/audit';
import { enterpriseProjectIn, operationId, resourceUrl } from './trace-values.js';

/**
 * The record keys fromAuditRecord turns into trace fields (or drops: `record_time`). A record with
 * any other key keeps it in its trace, somewhere in the sorted order: such a record takes the
 * general path.
 */
const TRACE_KEYS = new Set([
  'trace_id', 'trace_name', 'trace_rating', 'trace_type', 'service_type', 'resource_type', 'resource_id', 'resource_name', 'resource_url', 'code',
  'message', 'location_info', 'user', 'source_ip', 'request', 'response', 'time', 'record_time', 'request_id', 'api_version', 'project_id',
  'endpoint', 'enterprise_project_id', 'read_only', 'operation_id',
]);

/** operationId of each trace name met (a few dozen), so a record costs a lookup instead of two new strings. */
const operationIds = new Map<string, string>();
function operationIdOf(traceName: string): string {
  let id = operationIds.get(traceName);
  if (id === undefined) {
    id = operationId(traceName);
    if (operationIds.size < 1024) operationIds.set(traceName, id);
  }
  return id;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

type Fields = Record<string, unknown> & { user: Record<string, unknown> & { domain: Record<string, unknown> } };

/**
 * `canonicalJson(traceDoc(fromAuditRecord(record, t).trace))`, byte for byte, without the trace
 * object and the property-list JSON.stringify (the replay's cost per AUDIT event, docs/performance.md
 * "Replay, round 3"): the document is built with its keys inserted in sorted order, so the plain
 * JSON.stringify, which writes keys in insertion order, gives the canonical text. Each value is the
 * one fromAuditRecord and traceUser compute, by the same expressions. That holds only where every
 * value is a primitive (a nested object's keys would be written in the order the record has them);
 * such a record, one with fields fromAuditRecord does not know, one without a user and domain
 * object, or one without a project whose domain id is no string (fromAuditRecord's scope, not part
 * of the document, fails there) is answered undefined: it takes the general path
 * (audit-trace-text.ts), and fails where that fails. `defaultEnterpriseProject` is kms-domain's,
 * passed in so that this module imports no domain (the replay's worker threads load it alone).
 */
export function auditTraceFastText(record: AuditRecord, defaultEnterpriseProject: string): string | undefined {
  const r = record as unknown as Fields;
  if (!isObject(r) || !isObject(r.user) || !isObject(r.user.domain)) return undefined;
  for (const key in r) {
    if (!TRACE_KEYS.has(key)) return undefined;
    if (isObject(r[key]) && key !== 'user' && key !== 'request') return undefined;
  }
  const { user } = r;
  const { domain } = user;
  const id = user.id;
  const name = user.name;
  const domainId = domain.id;
  if (isObject(id) || isObject(name) || isObject(domainId) || isObject(domain.name) || isObject(user.access_key_id)) return undefined;
  const projectId = record.project_id;
  if (!projectId && typeof domainId !== 'string') return undefined;
  const type = id === 'system' ? 'System' : id ? 'User' : 'Anonymous';
  const verified = type === 'User';
  return JSON.stringify({
    api_version: record.api_version,
    code: record.code,
    endpoint: record.endpoint ?? '',
    enterprise_project_id: enterpriseProjectIn(projectId, record.enterprise_project_id, defaultEnterpriseProject),
    location_info: record.location_info ?? '',
    message: record.message ?? '',
    operation_id: operationIdOf(record.trace_name),
    project_id: projectId,
    read_only: record.read_only ?? true,
    request: JSON.stringify(record.request),
    request_id: record.request_id,
    resource_id: record.resource_id,
    resource_name: record.resource_name,
    resource_type: record.resource_type,
    resource_url: resourceUrl(record.resource_type, record.resource_id, record.resource_name, projectId),
    response: record.response ?? '{}',
    service_type: record.service_type,
    source_ip: record.source_ip,
    time: record.time,
    trace_id: record.trace_id,
    trace_name: record.trace_name,
    trace_rating: record.trace_rating,
    trace_type: record.trace_type,
    // traceUser's document (trace-fields.ts), its keys sorted too.
    user: {
      access_key_id: verified ? (user.access_key_id ?? '') : '',
      account_id: domainId,
      domain: { id: domainId, name: domain.name ?? '' },
      id,
      // JSON.stringify leaves out a key whose value is undefined, as traceUser leaves it out (a spread here costs more).
      invoked_by: record.trace_type === 'ConsoleAction' ? ['service.console'] : undefined,
      name,
      principal_id: verified ? id : '',
      principal_is_root_user: verified && (user.root_user ?? false) ? 'true' : 'false',
      principal_urn: verified && domainId ? `iam::${String(domainId)}:user:${String(name)}` : '',
      type,
      user_name: name,
    },
  });
}
