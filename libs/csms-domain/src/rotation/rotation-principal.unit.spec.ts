import { KEY, T0, created, given, history, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretCommand, SecretEvent } from '../secret-set.decider.js';
import type { RotationPrincipal } from '../state/secret-set.js';
import { keyToAuthorise, rotationOf, scheduledRunPrincipal, type RotationRequest } from './decide.js';

const HOUR = 3_600_000;
const OWNER: RotationPrincipal = { userId: 'a'.repeat(32), domainId: 'd'.repeat(32), userName: 'owner' };
const OTHER: RotationPrincipal = { userId: 'b'.repeat(32), domainId: 'd'.repeat(32), userName: 'other' };
const OTHER_KEY = '99999999-2222-4333-8444-555555555555';
const one: SecretEvent[] = [created(1, 'app')];
const plan = (rotation: RotationRequest, now = T0): SecretCommand => ({ type: 'UpdateSecret', name: 'app', rotation, now });
/** A plan event as DEW wrote it before the principal was recorded. */
const legacyPlan: SecretEvent = { type: 'SecretRotationConfigured', secretId: secretId(1), autoRotation: true, period: '6h', periodMs: 6 * HOUR, nextRotationAt: T0 + 6 * HOUR, at: T0 };

describe('auto rotation records who switched it on', () => {
  it('update-secret switching auto rotation on: the event names the caller (id, domain, name) and scheduled runs act as them', () => {
    given(one).when(plan({ autoRotation: true, rotationPeriod: '6h', configuredBy: OWNER })).then([
      { type: 'SecretRotationConfigured', secretId: secretId(1), autoRotation: true, period: '6h', periodMs: 6 * HOUR, nextRotationAt: T0 + 6 * HOUR, configuredBy: OWNER, at: T0 },
    ]);
    const state = stateAfter(history(one, plan({ autoRotation: true, rotationPeriod: '6h', configuredBy: OWNER })));
    expect(scheduledRunPrincipal(state, 'app')).toEqual(OWNER);
  });

  it('create-secret with auto rotation: the creator is recorded as the principal', () => {
    const create: SecretCommand = { type: 'CreateSecret', secretId: secretId(2), name: 'new', kmsKeyId: KEY, value: { kmsKeyId: KEY, sealed: 's' }, rotation: { autoRotation: true, rotationPeriod: '6h', configuredBy: OWNER }, now: T0 };
    expect(scheduledRunPrincipal(stateAfter(history([], create)), 'new')).toEqual(OWNER);
  });

  it('another user changing the period while auto rotation stays on becomes the principal', () => {
    const state = stateAfter(history(one, plan({ autoRotation: true, rotationPeriod: '6h', configuredBy: OWNER }), plan({ rotationPeriod: '12h', configuredBy: OTHER }, T0 + 1)));
    expect(scheduledRunPrincipal(state, 'app')).toEqual(OTHER);
  });

  it('auto rotation switched off: the event names no principal and the plan forgets it', () => {
    const events = history(one, plan({ autoRotation: true, rotationPeriod: '6h', configuredBy: OWNER }), plan({ autoRotation: false, configuredBy: OTHER }, T0 + 1));
    expect(events[events.length - 1]).not.toHaveProperty('configuredBy');
    expect(rotationOf(stateAfter(events), secretId(1)).configuredBy).toBeNull();
  });

  it('a plan event written before principals were recorded replays as no principal: a scheduled run is refused with CSMS.0403 asking to switch auto rotation on again', () => {
    const state = stateAfter([...one, legacyPlan]);
    expect(rotationOf(state, secretId(1))).toMatchObject({ autoRotation: true, nextRotationAt: T0 + 6 * HOUR, configuredBy: null });
    expect(() => scheduledRunPrincipal(state, 'app')).toThrow(expect.objectContaining({ code: 'CSMS.0403', message: expect.stringContaining('switch auto_rotation off and on again') }));
  });
});

describe('keyToAuthorise: the key update-secret must prove usable with KMS\'s full decision', () => {
  const planned = stateAfter(history(one, plan({ autoRotation: true, rotationPeriod: '6h', configuredBy: OWNER })));

  it('switching auto rotation on: the secret\'s own key', () => {
    expect(keyToAuthorise(stateAfter(one), 'app', undefined, { autoRotation: true, rotationPeriod: '6h', configuredBy: OTHER })).toBe(KEY);
  });

  it('a new period while auto rotation is on: the secret\'s key (the caller becomes the principal)', () => {
    expect(keyToAuthorise(planned, 'app', undefined, { rotationPeriod: '12h', configuredBy: OTHER })).toBe(KEY);
  });

  it('a new kms_key_id: that key, whatever the rotation fields', () => {
    expect(keyToAuthorise(stateAfter(one), 'app', OTHER_KEY, { configuredBy: OTHER })).toBe(OTHER_KEY);
  });

  it('a kms_key_id over 128 characters is refused with CSMS.0002 before any KMS call', () => {
    expect(() => keyToAuthorise(stateAfter(one), 'app', 'k'.repeat(129), {})).toThrow(expect.objectContaining({ code: 'CSMS.0002' }));
  });

  it('a description change, switching auto rotation off, or repeating the plan as it is: nothing to prove', () => {
    expect(keyToAuthorise(planned, 'app', undefined, { configuredBy: OTHER })).toBeNull();
    expect(keyToAuthorise(planned, 'app', undefined, { autoRotation: false, configuredBy: OTHER })).toBeNull();
    expect(keyToAuthorise(planned, 'app', undefined, { autoRotation: true, rotationPeriod: '6h', configuredBy: OTHER })).toBeNull();
  });

  it('an unknown secret: nothing to prove (the decision answers CSMS.0005)', () => {
    expect(keyToAuthorise(stateAfter(one), 'nope', undefined, { autoRotation: true, rotationPeriod: '6h' })).toBeNull();
  });
});
