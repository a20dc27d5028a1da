import type { AuditRecord } from '@dew/contracts';
import type { StoredMessage } from '@dew/event-store';
import { domainScope, TRACE_NAMES, type ScopedTrace, type Trace } from './trace.js';
import { enterpriseProjectOf, operationId, resourceUrl, traceUser, type EnterpriseProjects } from './trace-fields.js';

/** Event fields a trace may show (allow-list: events hold only wrapped material, but keep traces lean). */
const SHOWN = ['keyId', 'alias', 'keySpec', 'keyUsage', 'origin', 'pendingDays', 'enterpriseProjectId', 'grantId', 'granteePrincipal', 'secretId', 'name', 'versionId', 'stage', 'intervalDays', 'trigger', 'reason', 'userId', 'groupId', 'policyId', 'wrappingKeyId', 'accessKey', 'projectId', 'domainId', 'serverId', 'taskId', 'keypairName', 'operation', 'scope', 'algorithm', 'fingerprint', 'errorCode', 'instanceId', 'cause', 'keystoreId', 'hsmClusterId'];
const SUBJECT = /^evt\.([a-z]+)\.([^.]+)\./;
/** Contexts whose aggregates are accounts, not projects: their traces are account-wide (KPS: the account's key-pair set). */
const ACCOUNT_WIDE = new Set(['iam', 'kps']);
/** The event field naming the resource of each resource type. */
const RESOURCE_ID: Readonly<Record<string, string>> = {
  cmk: 'keyId', secret: 'secretId', user: 'userId', group: 'groupId', policy: 'policyId', credential: 'accessKey', project: 'projectId', domain: 'domainId',
  keypair: 'name', server: 'serverId', task: 'taskId', hsm: 'instanceId', keystore: 'keystoreId',
};
const API_VERSION: Readonly<Record<string, string>> = { csms: 'v1', iam: 'v3', kps: 'v3', hsm: 'v1' };

/**
 * A record of an operation that changed nothing (crypto, reads of secrets, refusals), as its trace.
 * Built field by field, in the API's order (the ingest's hottest function: no rest/spread copies);
 * fields of the record this code does not know are kept as they are.
 */
export function fromAuditRecord(record: AuditRecord, recordTime: number): ScopedTrace {
  const user = record.user;
  const trace: Trace = {
    trace_id: record.trace_id,
    trace_name: record.trace_name,
    trace_rating: record.trace_rating,
    trace_type: record.trace_type,
    service_type: record.service_type,
    resource_type: record.resource_type,
    resource_id: record.resource_id,
    resource_name: record.resource_name,
    resource_url: resourceUrl(record.resource_type, record.resource_id, record.resource_name, record.project_id),
    code: record.code,
    message: record.message ?? '',
    location_info: record.location_info ?? '',
    user: traceUser({
      id: user.id, name: user.name, domainId: user.domain.id, domainName: user.domain.name ?? '',
      accessKeyId: user.access_key_id ?? '', rootUser: user.root_user ?? false, traceType: record.trace_type,
    }),
    source_ip: record.source_ip,
    request: JSON.stringify(record.request),
    response: record.response ?? '{}',
    time: record.time,
    record_time: recordTime,
    request_id: record.request_id,
    api_version: record.api_version,
    project_id: record.project_id,
    endpoint: record.endpoint ?? '',
    enterprise_project_id: enterpriseProjectOf(record.project_id, record.enterprise_project_id),
    read_only: record.read_only ?? true,
    operation_id: operationId(record.trace_name),
  };
  for (const key in record) {
    if (!Object.hasOwn(trace, key)) keepUnknownField(trace, key, (record as unknown as Record<string, unknown>)[key]);
  }
  return { scope: record.project_id || domainScope(user.domain.id), trace };
}

/** Defined, not assigned: a field named `__proto__` stays a field. */
function keepUnknownField(trace: Trace, key: string, value: unknown): void {
  Object.defineProperty(trace, key, { value, enumerable: true, writable: true, configurable: true });
}

/** 32-bit FNV-1a: a stable number for a stream name inside a trace id. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A UUID (version 8, RFC 9562 "custom") naming the stream, sequence and position of the event a
 * trace comes from: the same event always gives the same id, so a rebuilt index matches the live one.
 */
export function eventTraceId(stream: string, seq: number, index: number): string {
  const s = seq.toString(16).padStart(14, '0');
  const hex = fnv1a(stream).toString(16).padStart(8, '0') + s.slice(0, 4) + '8' + s.slice(4, 7) + '8' + s.slice(7, 10) + s.slice(10, 14) + index.toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The wire's name of the id field of each resource type, for a state change's response. */
const RESOURCE_ID_FIELD: Readonly<Record<string, string>> = {
  cmk: 'key_id', secret: 'secret_id', user: 'user_id', group: 'group_id', policy: 'role_id', credential: 'access', project: 'project_id', domain: 'domain_id',
  keypair: 'keypair_name', server: 'server_id', task: 'task_id',
};

/**
 * Each event of a state change is its own trace. `projects` carries each key's enterprise project
 * from the events that set it to the traces of the events that follow (see EnterpriseProjects).
 */
export function fromEventMessage(stream: string, msg: StoredMessage<Record<string, unknown>>, recordTime: number, projects: EnterpriseProjects = new Map()): ScopedTrace[] {
  const [, context = '', owner = ''] = SUBJECT.exec(msg.subject) ?? [];
  const accountWide = ACCOUNT_WIDE.has(context);
  return msg.events.map((event, i) => {
    // A group commit's events each carry their own command's caller and request id.
    const h = msg.eventHeaders?.[i] ?? msg.headers;
    const type = String(event.type);
    const known = TRACE_NAMES[type];
    const request: Record<string, string> = {};
    for (const field of SHOWN) {
      const value = event[field];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') request[field] = String(value);
    }
    const resourceType = known?.resource ?? context;
    const idField = RESOURCE_ID[resourceType];
    const resourceId = String((idField ? event[idField] : undefined) ?? event.keyId ?? event.secretId ?? event.userId ?? '');
    const resourceName = String(event.alias ?? event.name ?? '');
    const projectId = accountWide ? '' : owner;
    if (resourceType === 'cmk' && typeof event.enterpriseProjectId === 'string') projects.set(resourceId, event.enterpriseProjectId);
    const traceName = type === 'KeyTagsChanged' && event.batch === true ? 'batchDeleteKeyTags' : (known?.name ?? type.charAt(0).toLowerCase() + type.slice(1));
    const trace: Trace = {
      trace_id: eventTraceId(stream, msg.streamSequence, i),
      trace_name: traceName,
      trace_rating: 'normal',
      trace_type: h['Dew-Trace-Type'] ?? (h['Dew-User-Id'] === 'system' ? 'SystemAction' : 'ApiCall'),
      service_type: context.toUpperCase(),
      resource_type: resourceType,
      resource_id: resourceId,
      resource_name: resourceName,
      resource_url: resourceUrl(resourceType, resourceId, resourceName, projectId),
      code: '200',
      message: '',
      location_info: '',
      user: traceUser({
        id: h['Dew-User-Id'] ?? '', name: h['Dew-User-Name'] ?? '', domainId: h['Dew-Domain-Id'] ?? (accountWide ? owner : ''), domainName: h['Dew-Domain-Name'] ?? '',
        accessKeyId: h['Dew-Access-Key-Id'] ?? '', rootUser: h['Dew-Root-User'] === 'true', traceType: h['Dew-Trace-Type'] ?? '',
      }),
      source_ip: h['Dew-Source-Ip'] ?? '',
      request: JSON.stringify(request),
      response: JSON.stringify(resourceId ? { [RESOURCE_ID_FIELD[resourceType] ?? 'resource_id']: resourceId } : {}),
      time: msg.time.getTime(),
      record_time: recordTime,
      request_id: h['Dew-Request-Id'] ?? '',
      api_version: API_VERSION[context] ?? 'v1.0',
      project_id: projectId,
      endpoint: h['Dew-Endpoint'] ?? '',
      enterprise_project_id: enterpriseProjectOf(projectId, resourceType === 'cmk' ? projects.get(resourceId) : undefined),
      read_only: false,
      operation_id: operationId(traceName),
    };
    return { scope: accountWide ? domainScope(owner) : owner, trace };
  });
}

/** What a trace holds apart from when it was indexed: the document replay compares. */
export function traceDoc(trace: Trace): Omit<Trace, 'record_time'> {
  const { record_time: _recorded, ...doc } = trace;
  return doc;
}
