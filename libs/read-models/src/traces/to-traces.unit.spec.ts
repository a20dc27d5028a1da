import type { AuditRecord } from '@dew/contracts';
import { eventTraceId, fromAuditRecord, fromEventMessage, traceDoc } from './to-traces.js';

const msg = (subject: string, events: Record<string, unknown>[], headers: Record<string, string> = {}) => ({
  stream: 'EVT_IAM', subject, streamSequence: 42, time: new Date(1_700_000_000_000), events, headers,
});

describe('traces from events', () => {
  it('trace ids are RFC 9562 version-8 UUIDs, the same for the same event and distinct for any other', () => {
    const id = eventTraceId('EVT_KMS', 123456, 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(eventTraceId('EVT_KMS', 123456, 0)).toBe(id);
    const others = [eventTraceId('EVT_KMS', 123457, 0), eventTraceId('EVT_KMS', 123456, 1), eventTraceId('EVT_CSMS', 123456, 0), eventTraceId('EVT_KMS', 2 ** 40 + 123456, 0)];
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it('IAM events: account-wide scope, IAM trace names and resources, the operator from the headers, no hash or wrapped secret', () => {
    const traces = fromEventMessage('EVT_IAM', msg('evt.iam.d1.account', [
      { type: 'UserCreated', userId: 'u1', domainId: 'd1', name: 'alice', passwordHash: 'scrypt$SECRET-HASH', isDomainAdmin: false },
      { type: 'AccessKeyCreated', accessKey: 'AK1', userId: 'u1', wrappedSecret: 'WRAPPED-SK', description: '' },
    ], { 'Dew-User-Id': 'admin-id', 'Dew-User-Name': 'admin', 'Dew-Domain-Id': 'd1', 'Dew-Trace-Type': 'ApiCall', 'Dew-Domain-Name': 'acme', 'Dew-Access-Key-Id': 'AKADMIN', 'Dew-Root-User': 'true' }), 9);
    expect(traces.map((t) => t.scope)).toEqual(['domain:d1', 'domain:d1']);
    expect(traces.map(({ trace }) => [trace.trace_name, trace.resource_type, trace.resource_id, trace.service_type, trace.api_version, trace.project_id])).toEqual([
      ['createUser', 'user', 'u1', 'IAM', 'v3', ''],
      ['createAccessKey', 'credential', 'AK1', 'IAM', 'v3', ''],
    ]);
    expect(traces[0]!.trace.user).toEqual({
      id: 'admin-id', name: 'admin', user_name: 'admin', domain: { id: 'd1', name: 'acme' }, account_id: 'd1', access_key_id: 'AKADMIN',
      principal_id: 'admin-id', principal_urn: 'iam::d1:user:admin', principal_is_root_user: 'true', type: 'User',
    });
    expect(traces[0]!.trace).toMatchObject({ enterprise_project_id: '', read_only: false, operation_id: 'CreateUser', resource_url: '/v3/users/u1', response: '{"user_id":"u1"}', code: '200', message: '' });
    expect(JSON.stringify(traces)).not.toMatch(/SECRET-HASH|WRAPPED-SK/);
  });

  it('an event type without a name of its own still becomes a trace, named after the event; scheduler events are SystemAction', () => {
    const [t] = fromEventMessage('EVT_KMS', { ...msg('evt.kms.p1.keyring', [{ type: 'SomethingNewHappened', keyId: 'k1' }], { 'Dew-User-Id': 'system' }), stream: 'EVT_KMS' }, 0);
    expect(t!.scope).toBe('p1');
    expect(t!.trace).toMatchObject({ trace_name: 'somethingNewHappened', trace_type: 'SystemAction', resource_id: 'k1', project_id: 'p1' });
    expect(traceDoc(t!.trace)).not.toHaveProperty('record_time');
  });
});

describe('guide table 5-1: state changes of keys', () => {
  const GUIDE: Array<[event: Record<string, unknown>, name: string]> = [
    [{ type: 'KeyCreated', keyId: 'k' }, 'createKey'],
    [{ type: 'KeyEnabled', keyId: 'k' }, 'enableKey'],
    [{ type: 'KeyDisabled', keyId: 'k' }, 'disableKey'],
    [{ type: 'KeyDeletionScheduled', keyId: 'k' }, 'scheduleKeyDeletion'],
    [{ type: 'KeyDeletionCancelled', keyId: 'k' }, 'cancelKeyDeletion'],
    [{ type: 'KeyAliasChanged', keyId: 'k' }, 'updateKeyAlias'],
    [{ type: 'KeyDescriptionChanged', keyId: 'k' }, 'updateKeyDescription'],
    [{ type: 'KeyMaterialImported', keyId: 'k' }, 'importKeyMaterial'],
    [{ type: 'KeyMaterialDeleted', keyId: 'k' }, 'deleteImportedKeyMaterial'],
    [{ type: 'GrantCreated', keyId: 'k' }, 'createGrant'],
    [{ type: 'GrantRetired', keyId: 'k' }, 'retireGrant'],
    [{ type: 'GrantRevoked', keyId: 'k' }, 'revokeGrant'],
    [{ type: 'KeyTagsChanged', keyId: 'k', set: [{ key: 'a', value: 'b' }], removed: [] }, 'dealUnifiedTags'],
    [{ type: 'KeyTagsChanged', keyId: 'k', set: [], removed: ['a'] }, 'dealUnifiedTags'],
    [{ type: 'KeyTagsChanged', keyId: 'k', set: [], removed: ['a'], batch: true }, 'batchDeleteKeyTags'],
  ];
  it.each(GUIDE)('%o is the trace %s of resource type cmk', (event, name) => {
    const [t] = fromEventMessage('EVT_KMS', { ...msg('evt.kms.p1.keyring', [event]), stream: 'EVT_KMS' }, 0);
    expect(t!.trace).toMatchObject({ trace_name: name, resource_type: 'cmk', resource_id: 'k', service_type: 'KMS' });
  });
});

describe('enterprise projects of key traces', () => {
  const kms = (seq: number, events: Record<string, unknown>[]) => ({ ...msg('evt.kms.p1.keyring', events), stream: 'EVT_KMS', streamSequence: seq });

  it('a key\'s later events carry the enterprise project its creation or move set; secrets fall in the default one', () => {
    const projects = new Map<string, string>();
    const eps = [
      kms(1, [{ type: 'KeyCreated', keyId: 'k', enterpriseProjectId: 'ep-1' }]),
      kms(2, [{ type: 'KeyDisabled', keyId: 'k' }]),
      kms(3, [{ type: 'KeyEnterpriseProjectChanged', keyId: 'k', enterpriseProjectId: 'ep-2' }, { type: 'KeyEnabled', keyId: 'k' }]),
      kms(4, [{ type: 'KeyEnabled', keyId: 'unknown-to-the-index' }]),
    ].flatMap((m) => fromEventMessage('EVT_KMS', m, 0, projects)).map((t) => t.trace.enterprise_project_id);
    expect(eps).toEqual(['ep-1', 'ep-1', 'ep-2', 'ep-2', '0']);
    const [secret] = fromEventMessage('EVT_CSMS', { ...msg('evt.csms.p1.secrets', [{ type: 'SecretCreated', secretId: 's', name: 'db' }]), stream: 'EVT_CSMS' }, 0, projects);
    expect(secret!.trace).toMatchObject({ enterprise_project_id: '0', resource_url: '/v1/p1/secrets/db', response: '{"secret_id":"s"}' });
  });
});

describe('traces from audit records', () => {
  const record = (over: Partial<AuditRecord>): AuditRecord => ({
    trace_id: 't', trace_name: 'listKeys', trace_rating: 'warning', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'kms', resource_id: '', resource_name: '',
    code: '401', user: { id: '', name: 'unauthenticated', domain: { id: '' } }, source_ip: '10.0.0.1', request: { claimed_access_key: 'AKCLAIMED' }, time: 1, request_id: 'r', api_version: 'v1.0', project_id: 'p1',
    ...over,
  });

  it('a refusal before authentication names no access key, principal or account, even if the record carried a key', () => {
    const { trace } = fromAuditRecord(record({ user: { id: '', name: 'unauthenticated', domain: { id: '' }, access_key_id: 'AKCLAIMED', root_user: true } }), 5);
    expect(trace.user).toMatchObject({ access_key_id: '', principal_id: '', principal_urn: '', principal_is_root_user: 'false', type: 'Anonymous', account_id: '' });
  });

  it('records older than the new fields get their defaults; new ones keep theirs', () => {
    expect(fromAuditRecord(record({}), 5).trace).toMatchObject({ response: '{}', message: '', location_info: '', endpoint: '', enterprise_project_id: '0', read_only: true, operation_id: 'ListKeys' });
    const full = fromAuditRecord(record({ response: '{"error":{}}', message: 'bad signature', location_info: 'KMS.0302', endpoint: 'dew.local:8443', enterprise_project_id: 'ep-1', read_only: false }), 5).trace;
    expect(full).toMatchObject({ response: '{"error":{}}', message: 'bad signature', location_info: 'KMS.0302', endpoint: 'dew.local:8443', enterprise_project_id: 'ep-1', read_only: false });
  });

  it('a full record becomes exactly its trace, fields in the API order; fields it does not know are kept, the derived ones are its own', () => {
    const full = { ...record({ resource_type: 'secret', resource_id: 's1', resource_name: 'db', trace_rating: 'normal', code: '200', response: '{"secret_id":"s1"}', endpoint: 'dew.local' }), later_field: { x: 1 }, record_time: 1, operation_id: 'Forged' };
    const { scope, trace } = fromAuditRecord(full, 7);
    expect(scope).toBe('p1');
    expect(Object.entries(trace)).toEqual([
      ['trace_id', 't'], ['trace_name', 'listKeys'], ['trace_rating', 'normal'], ['trace_type', 'ApiCall'], ['service_type', 'KMS'], ['resource_type', 'secret'],
      ['resource_id', 's1'], ['resource_name', 'db'], ['resource_url', '/v1/p1/secrets/db'], ['code', '200'], ['message', ''], ['location_info', ''],
      ['user', { id: '', name: 'unauthenticated', user_name: 'unauthenticated', domain: { id: '', name: '' }, account_id: '', access_key_id: '', principal_id: '', principal_urn: '', principal_is_root_user: 'false', type: 'Anonymous' }],
      ['source_ip', '10.0.0.1'], ['request', '{"claimed_access_key":"AKCLAIMED"}'], ['response', '{"secret_id":"s1"}'], ['time', 1], ['record_time', 7], ['request_id', 'r'],
      ['api_version', 'v1.0'], ['project_id', 'p1'], ['endpoint', 'dew.local'], ['enterprise_project_id', '0'], ['read_only', true], ['operation_id', 'ListKeys'],
      ['later_field', { x: 1 }],
    ]);
    expect(fromAuditRecord(record({ project_id: '', user: { id: 'u1', name: 'alice', domain: { id: 'd1' } } }), 0).scope).toBe('domain:d1');
  });

  it('a group commit (one message, several commands): each trace names the caller and request id of its own command, not of the first', () => {
    const alice = { 'Dew-User-Id': 'u1', 'Dew-User-Name': 'alice', 'Dew-Request-Id': 'r1', 'Dew-Source-Ip': '10.0.0.1' };
    const bob = { 'Dew-User-Id': 'u2', 'Dew-User-Name': 'bob', 'Dew-Request-Id': 'r2', 'Dew-Source-Ip': '10.0.0.2' };
    const events = [{ type: 'KeyCreated', keyId: 'k1' }, { type: 'KeyCreated', keyId: 'k2' }];
    const traces = fromEventMessage('EVT_KMS', { ...msg('evt.kms.p1.keyring', events, alice), stream: 'EVT_KMS', eventHeaders: [alice, bob] }, 0);
    expect(traces.map(({ trace }) => [trace.resource_id, trace.user.name, trace.request_id, trace.source_ip])).toEqual([
      ['k1', 'alice', 'r1', '10.0.0.1'],
      ['k2', 'bob', 'r2', '10.0.0.2'],
    ]);
  });

  it('a console session is invoked by the console; a scheduler is the System user', () => {
    expect(fromAuditRecord(record({ trace_type: 'ConsoleAction', user: { id: 'u1', name: 'alice', domain: { id: 'd1' } } }), 0).trace.user.invoked_by).toEqual(['service.console']);
    const [t] = fromEventMessage('EVT_KMS', { ...msg('evt.kms.p1.keyring', [{ type: 'KeyRotated', keyId: 'k' }], { 'Dew-User-Id': 'system', 'Dew-User-Name': 'system' }), stream: 'EVT_KMS' }, 0);
    expect(t!.trace.user).toMatchObject({ type: 'System', principal_id: '' });
    expect(t!.trace.user).not.toHaveProperty('invoked_by');
  });
});
