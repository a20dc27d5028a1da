import { jest } from '@jest/globals';
import { PersistentMap } from '@dew/decider';
import { T0, created, history, secretId, stateAfter } from '../fixtures.spec.js';
import { evolve, type SecretEvent } from '../secret-set.decider.js';
import { rotationOf } from '../rotation/decide.js';
import { holdsOrHeld } from './queries.js';
import type { SecretSet } from './secret-set.js';

/** docs/architecture.md, "Event sourcing on JetStream": one event costs O(log n), a deleted secret leaves the set. */

const deleted = (n: number): SecretEvent => ({ type: 'SecretDeleted', secretId: secretId(n), at: T0 + n });

/** `count` secrets created and deleted one after another, then `live` secrets kept. */
function churned(count: number, live: number): SecretSet {
  let state = stateAfter([]);
  for (let n = 1; n <= count; n++) state = evolve(evolve(state, created(n)), deleted(n));
  for (let n = count + 1; n <= count + live; n++) state = evolve(state, created(n));
  return state;
}

/** How often `fn` sets an entry of any PersistentMap or walks one. */
function mapWork(fn: () => void): { sets: number; walks: number } {
  const set = jest.spyOn(PersistentMap.prototype, 'set');
  const walks = (['entries', 'keys', 'values', 'forEach'] as const).map((m) => jest.spyOn(PersistentMap.prototype, m));
  try {
    fn();
    return { sets: set.mock.calls.length, walks: walks.reduce((n, w) => n + w.mock.calls.length, 0) };
  } finally {
    set.mockRestore();
    for (const w of walks) w.mockRestore();
  }
}

describe('the secret set as its history grows', () => {
  it('3000 secrets created and deleted: the set holds only the live ones, the deleted ones only as ids', () => {
    const state = churned(3000, 5);
    expect(state.secrets.size).toBe(5);
    expect(state.names.size).toBe(5);
    expect(state.deletedIds.size).toBe(3000);
    expect(state.secrets.has(secretId(1))).toBe(false);
    expect(state.deletedIds.get(secretId(1))).toBe(T0 + 1);
  });

  it('one event on a set with 3000 deleted and 100 live secrets: a few map entries set, no map walked (no whole-map copy)', () => {
    const state = churned(3000, 100);
    expect(mapWork(() => evolve(state, created(9001)))).toEqual({ sets: 2, walks: 0 });
    expect(mapWork(() => evolve(state, deleted(3050)))).toEqual({ sets: 1, walks: 0 });
    expect(mapWork(() => evolve(state, { type: 'SecretUpdated', secretId: secretId(3050), description: 'x', at: T0 }))).toEqual({ sets: 1, walks: 0 });
  });

  it('one event leaves the state before it untouched: every other secret is the same object in both', () => {
    const before = churned(100, 50);
    const after = evolve(before, { type: 'SecretUpdated', secretId: secretId(120), description: 'changed', at: T0 });
    expect(before.secrets.get(secretId(120))?.description).toBe('');
    expect(after.secrets.get(secretId(120))?.description).toBe('changed');
    for (const [id, s] of before.secrets) if (id !== secretId(120)) expect(after.secrets.get(id)).toBe(s);
  });

  it('a deleted secret takes its rotation plan with it; its id created again is held, not deleted', () => {
    const configured: SecretEvent = {
      type: 'SecretRotationConfigured', secretId: secretId(1), autoRotation: false, period: '30d', periodMs: 30 * 86_400_000, nextRotationAt: null, at: T0,
    };
    const gone = stateAfter([created(1), configured, deleted(1)]);
    expect(gone.rotations.has(secretId(1))).toBe(false);
    expect(holdsOrHeld(gone, secretId(1))).toBe(true);
    const again = evolve(gone, created(1, 'again'));
    expect(again.deletedIds.has(secretId(1))).toBe(false);
    expect(again.secrets.get(secretId(1))?.name).toBe('again');
    expect(rotationOf(again, secretId(1)).period).toBe('');
    expect(holdsOrHeld(stateAfter(history([created(1)])), secretId(2))).toBe(false);
  });
});
