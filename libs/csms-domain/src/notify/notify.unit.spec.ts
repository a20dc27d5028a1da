import { T0, addVersion, created, given, history, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretCommand, SecretEvent } from '../secret-set.decider.js';
import { EVENT_QUOTA, WEBHOOK_URL_MAX } from './rules.js';
import { listEventRules, listNotificationRecords } from './queries.js';
import type { WebhookTarget } from './model.js';

const HOOK = { target_type: 'WEBHOOK', target_id: 'https://hooks.example.com/dew', target_name: 'ops' };
const createRule = (name = 'rotation-watch', o: Partial<{ eventTypes: string[]; state: string; notification: object }> = {}): SecretCommand => ({
  type: 'CreateSecretEvent', eventId: `id-${name}`, name, eventTypes: o.eventTypes ?? ['SECRET_VERSION_CREATED', 'SECRET_DELETED'], state: o.state ?? 'ENABLED', notification: o.notification ?? HOOK, now: T0,
});
const subscribe = (eventNames: string[], name = 'app'): SecretCommand => ({ type: 'SubscribeSecret', name, eventNames, now: T0 + 1 });
const subscribed = (rule: SecretCommand = createRule()): SecretEvent[] => history([created(1, 'app')], rule, subscribe(['rotation-watch']));
const SENT_TO: WebhookTarget = { type: 'WEBHOOK', url: 'https://hooks.example.com/dew', name: 'ops' };
const attempt = (notificationId: string, status: 'SUCCESS' | 'FAIL' | 'INVALID', now: number, target = SENT_TO): SecretCommand => ({
  type: 'RecordNotificationAttempt', notificationId, status, content: '{}', target, maxAttempts: 3, retryBaseMs: 1000, now,
});

describe('secret events (notification rules)', () => {
  it('create with a webhook target: SecretEventCreated with the URL normalised and the host as default target name', () => {
    given([]).when(createRule('r1', { notification: { target_type: 'WEBHOOK', target_id: 'https://Hooks.Example.com/a' } })).then([{
      type: 'SecretEventCreated', eventId: 'id-r1', name: 'r1', eventTypes: ['SECRET_VERSION_CREATED', 'SECRET_DELETED'], state: 'ENABLED',
      target: { type: 'WEBHOOK', url: 'https://hooks.example.com/a', name: 'hooks.example.com' }, at: T0,
    }]);
  });

  it('bad name, type, state or target: CSMS.0002 naming the field and the value, nothing decided', () => {
    given([]).when(createRule('n'.repeat(65))).thenRefuses({ code: 'CSMS.0002', message: 'name must be 1..64' });
    given([]).when(createRule('has space')).thenRefuses({ code: 'CSMS.0002', message: '" "' });
    given([]).when(createRule('r', { eventTypes: [] })).thenRefuses({ code: 'CSMS.0002', message: 'event_types must hold 1..5' });
    given([]).when(createRule('r', { eventTypes: ['SECRET_EXPLODED'] })).thenRefuses({ code: 'CSMS.0002', message: 'SECRET_EXPLODED' });
    given([]).when(createRule('r', { eventTypes: ['SECRET_DELETED', 'SECRET_DELETED'] })).thenRefuses({ code: 'CSMS.0002', message: 'event_types[1]' });
    given([]).when(createRule('r', { state: 'ON' })).thenRefuses({ code: 'CSMS.0002', message: 'state must be one of ENABLED, DISABLED, got "ON"' });
    given([]).when(createRule('r', { notification: { ...HOOK, target_type: 'SMN' } })).thenRefuses({ code: 'CSMS.0002', message: 'target_type must be WEBHOOK' });
    given([]).when(createRule('r', { notification: { ...HOOK, target_id: 'ftp://example.com/x' } })).thenRefuses({ code: 'CSMS.0002', message: 'http:// or https://' });
    given([]).when(createRule('r', { notification: { ...HOOK, target_id: `https://e.com/${'a'.repeat(WEBHOOK_URL_MAX)}` } })).thenRefuses({ code: 'CSMS.0002', message: `got ${WEBHOOK_URL_MAX + 14}` });
    given([]).when(createRule('r', { notification: { ...HOOK, target_id: 'https://user:pw@e.com/' } })).thenRefuses({ code: 'CSMS.0002', message: 'no user or password' });
  });

  it('a taken name is CSMS.1002; the 51st event is over the quota (CSMS.1001)', () => {
    given(history([], createRule('r'))).when(createRule('r')).thenRefuses({ code: 'CSMS.1002' });
    const full = history([], ...Array.from({ length: EVENT_QUOTA }, (_, i) => createRule(`r${i}`)));
    given(full).when(createRule('one-more')).thenRefuses({ code: 'CSMS.1001', message: `quota of ${EVENT_QUOTA}` });
  });

  it('update changes only the fields given; unknown event CSMS.0005', () => {
    given(history([], createRule('r'))).when({ type: 'UpdateSecretEvent', name: 'r', state: 'DISABLED', now: T0 + 5 }).then([{ type: 'SecretEventUpdated', name: 'r', state: 'DISABLED', at: T0 + 5 }]);
    const rule = stateAfter(history([], createRule('r'), { type: 'UpdateSecretEvent', name: 'r', state: 'DISABLED', now: T0 + 5 })).eventRules.get('r');
    expect(rule).toMatchObject({ state: 'DISABLED', eventTypes: ['SECRET_VERSION_CREATED', 'SECRET_DELETED'], updatedAt: T0 + 5, createdAt: T0 });
    given([]).when({ type: 'UpdateSecretEvent', name: 'nope', now: T0 }).thenRefuses({ code: 'CSMS.0005' });
  });

  it('delete is refused while a secret subscribes (CSMS.0003 naming it), allowed after unsubscribing', () => {
    given(subscribed()).when({ type: 'DeleteSecretEvent', name: 'rotation-watch', now: T0 + 9 }).thenRefuses({ code: 'CSMS.0003', message: '"app"' });
    given(history(subscribed(), subscribe([]))).when({ type: 'DeleteSecretEvent', name: 'rotation-watch', now: T0 + 9 }).then([{ type: 'SecretEventDeleted', name: 'rotation-watch', at: T0 + 9 }]);
  });

  it('subscriptions: at most one, each an existing event', () => {
    given(history([created(1, 'app')], createRule('a'), createRule('b'))).when(subscribe(['a', 'b'])).thenRefuses({ code: 'CSMS.0002', message: 'at most 1' });
    given([created(1, 'app')]).when(subscribe(['ghost'])).thenRefuses({ code: 'CSMS.0005', message: 'ghost' });
    expect(stateAfter(subscribed()).secrets.get(secretId(1))?.eventSubscriptions).toEqual(['rotation-watch']);
  });

  it('lists events by name with a marker', () => {
    const state = stateAfter(history([], createRule('c'), createRule('a'), createRule('b')));
    expect(listEventRules(state, { limit: 2 })).toMatchObject({ items: [{ name: 'a' }, { name: 'b' }], nextMarker: 'b' });
    expect(listEventRules(state, { marker: 'b' })).toMatchObject({ items: [{ name: 'c' }], nextMarker: null });
    expect(() => listEventRules(state, { limit: 0 })).toThrow(expect.objectContaining({ code: 'CSMS.0002' }));
  });
});

describe('notifications owed with the change that causes them', () => {
  it('a new version of a subscribed secret: SecretVersionAdded and one NotificationDue in the same decision, no value in it', () => {
    given(subscribed()).when(addVersion('app', 2)).thenSucceeds((events, state) => {
      expect(events.map((e) => e.type)).toEqual(['SecretVersionAdded', 'NotificationDue']);
      expect(events[1]).toMatchObject({ notificationId: '-1', name: 'rotation-watch', occurrence: { eventType: 'SECRET_VERSION_CREATED', secretName: 'app', versionId: 'v2', at: T0 + 2 } });
      expect(JSON.stringify(events[1])).not.toContain('sealed-2');
      expect([...state.outbox.keys()]).toEqual(['-1']);
    });
  });

  it('nothing is owed to a disabled event, an event of other types, or for an unsubscribed secret', () => {
    const types = (es: readonly SecretEvent[]) => es.map((e) => e.type);
    given(subscribed(createRule('rotation-watch', { state: 'DISABLED' }))).when(addVersion('app', 2)).thenSucceeds((es) => expect(types(es)).toEqual(['SecretVersionAdded']));
    given(subscribed(createRule('rotation-watch', { eventTypes: ['SECRET_ROTATED'] }))).when(addVersion('app', 2)).thenSucceeds((es) => expect(types(es)).toEqual(['SecretVersionAdded']));
    given(history([created(1, 'app')], createRule())).when(addVersion('app', 2)).thenSucceeds((es) => expect(types(es)).toEqual(['SecretVersionAdded']));
  });

  it('scheduled deletion notifies SECRET_DELETED', () => {
    given(subscribed()).when({ type: 'ScheduleSecretDeletion', name: 'app', days: 7, now: T0 + 3 }).thenSucceeds((events) => {
      expect(events[1]).toMatchObject({ type: 'NotificationDue', occurrence: { eventType: 'SECRET_DELETED', versionId: null } });
    });
  });

  it('expiry: a version past its expire_time is marked once and notifies SECRET_VERSION_EXPIRED; a new expire_time re-arms it', () => {
    const past = subscribed(createRule('rotation-watch', { eventTypes: ['SECRET_VERSION_EXPIRED'] }));
    const withExpiring = history(past, { type: 'AddSecretVersion', name: 'app', value: { kmsKeyId: 'k', sealed: 's' }, expireTime: T0 + 100, now: T0 + 2 });
    given(withExpiring).when({ type: 'ExpireVersions', now: T0 + 99 }).then([]);
    const expired = history(withExpiring, { type: 'ExpireVersions', now: T0 + 100 });
    expect(expired.slice(-2)).toMatchObject([{ type: 'SecretVersionExpired', versionId: 'v2' }, { type: 'NotificationDue', occurrence: { eventType: 'SECRET_VERSION_EXPIRED', versionId: 'v2' } }]);
    given(expired).when({ type: 'ExpireVersions', now: T0 + 500 }).then([]);
    const rearmed = history(expired, { type: 'UpdateVersionExpiry', name: 'app', versionId: 'v2', expireTime: T0 + 1000, now: T0 + 600 });
    given(rearmed).when({ type: 'ExpireVersions', now: T0 + 1000 }).thenSucceeds((es) => expect(es[0]).toMatchObject({ type: 'SecretVersionExpired', versionId: 'v2' }));
  });
});

describe('delivery attempts', () => {
  const owed = history(subscribed(), addVersion('app', 2));

  it('a failure is retried with doubling backoff; success settles it; every attempt is a record, newest first', () => {
    const events = history(owed, attempt('-1', 'FAIL', T0 + 10), attempt('-1', 'FAIL', T0 + 1100));
    const state = stateAfter(events);
    expect(state.outbox.get('-1')).toMatchObject({ attempts: 2, nextAttemptAt: T0 + 1100 + 2000 });
    const done = stateAfter(history(events, attempt('-1', 'SUCCESS', T0 + 3100)));
    expect(done.outbox.size).toBe(0);
    expect(listNotificationRecords(done).items.map((r) => [r.attempt, r.status])).toEqual([[3, 'SUCCESS'], [2, 'FAIL'], [1, 'FAIL']]);
    given(history(events, attempt('-1', 'SUCCESS', T0 + 3100))).when(attempt('-1', 'SUCCESS', T0 + 4000)).then([]);
  });

  it('attempts are bounded: the last allowed failure gives up; INVALID gives up at once', () => {
    const gaveUp = stateAfter(history(owed, attempt('-1', 'FAIL', T0 + 10), attempt('-1', 'FAIL', T0 + 20), attempt('-1', 'FAIL', T0 + 30)));
    expect(gaveUp.outbox.size).toBe(0);
    expect(gaveUp.records).toHaveLength(3);
    given(owed).when(attempt('-1', 'INVALID', T0 + 10)).thenSucceeds((es) => expect(es[0]).toMatchObject({ final: true, nextAttemptAt: null }));
  });

  it('an attempt made to a changed target: the record names the URL the attempt went to, not the one owed at first', () => {
    const moved: WebhookTarget = { ...SENT_TO, url: 'https://hooks.example.com/moved' };
    const state = stateAfter(history(owed, attempt('-1', 'FAIL', T0 + 10, moved)));
    expect(listNotificationRecords(state).items.map((r) => r.target.url)).toEqual(['https://hooks.example.com/moved']);
  });
});
