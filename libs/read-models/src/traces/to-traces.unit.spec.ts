import { eventTraceId, fromEventMessage, traceDoc } from './to-traces.js';

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
    ], { 'Dew-User-Id': 'admin-id', 'Dew-User-Name': 'admin', 'Dew-Domain-Id': 'd1', 'Dew-Trace-Type': 'ApiCall' }), 9);
    expect(traces.map((t) => t.scope)).toEqual(['domain:d1', 'domain:d1']);
    expect(traces.map(({ trace }) => [trace.trace_name, trace.resource_type, trace.resource_id, trace.service_type, trace.api_version, trace.project_id])).toEqual([
      ['createUser', 'user', 'u1', 'IAM', 'v3', ''],
      ['createAccessKey', 'credential', 'AK1', 'IAM', 'v3', ''],
    ]);
    expect(traces[0]!.trace.user).toEqual({ id: 'admin-id', name: 'admin', domain: { id: 'd1' } });
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
