import { DAY, T0, created, defaultKeyCreated, stateAfter, keyId, manyKeys, refusal, rsaMaterial } from '../fixtures.spec.js';
import type { KeyringEvent } from '../index.js';
import { dueForDestruction, listKeys } from '../index.js';

const ids = (page: { keys: readonly { keyId: string }[] }) => page.keys.map((k) => k.keyId);
const schedule = (n: number, deleteAt: number): KeyringEvent => ({
  type: 'KeyDeletionScheduled',
  keyId: keyId(n),
  pendingDays: 7,
  deleteAt,
  at: T0,
});
const destroy = (n: number): KeyringEvent[] => [schedule(n, T0), { type: 'KeyDestroyed', keyId: keyId(n), at: T0 + 1 }];

describe('listKeys', () => {
  it('five keys, limit 2: pages 0 → 2 → 4 with markers "2", "4", then ""', () => {
    const s = stateAfter(...manyKeys(5));
    const p1 = listKeys(s, { limit: 2, marker: 0 });
    expect(p1).toMatchObject({ nextMarker: '2', truncated: true, total: 5 });
    expect(ids(p1)).toEqual([keyId(1), keyId(2)]);
    const p2 = listKeys(s, { limit: 2, marker: 2 });
    expect(ids(p2)).toEqual([keyId(3), keyId(4)]);
    expect(p2.nextMarker).toBe('4');
    const p3 = listKeys(s, { limit: 2, marker: 4 });
    expect(p3).toMatchObject({ nextMarker: '', truncated: false, total: 5 });
    expect(ids(p3)).toEqual([keyId(5)]);
  });

  it('exact fit: limit equal to the count → not truncated', () => {
    expect(listKeys(stateAfter(...manyKeys(3)), { limit: 3 })).toMatchObject({ truncated: false, nextMarker: '', total: 3 });
  });

  it('marker past the end → empty page, not truncated', () => {
    expect(listKeys(stateAfter(...manyKeys(3)), { limit: 10, marker: 9 })).toEqual({
      keys: [],
      nextMarker: '',
      truncated: false,
      total: 3,
    });
  });

  it('order: creation time, then key id', () => {
    const s = stateAfter(created(3, { at: T0 }), created(2, { at: T0 + 5 }), created(1, { at: T0 }));
    expect(ids(listKeys(s, { limit: 10 }))).toEqual([keyId(1), keyId(3), keyId(2)]);
  });

  it('key spec: absent → AES_256 only (as the cloud), ALL → every spec, RSA_2048 → only those', () => {
    const s = stateAfter(created(1), created(2, { keySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY', material: rsaMaterial }));
    expect(ids(listKeys(s, { limit: 10 }))).toEqual([keyId(1)]);
    expect(ids(listKeys(s, { limit: 10, keySpec: 'ALL' }))).toEqual([keyId(1), keyId(2)]);
    expect(ids(listKeys(s, { limit: 10, keySpec: 'RSA_2048' }))).toEqual([keyId(2)]);
  });

  it('key spec AES_128 (not a CMK spec) → KMS.0308', () => {
    expect(refusal(() => listKeys(stateAfter(), { limit: 10, keySpec: 'AES_128' })).code).toBe('KMS.0308');
  });

  it('key spec SM4 or HMAC_256 → only the keys of that spec', () => {
    const s = stateAfter(created(1), created(2, { keySpec: 'SM4' }), created(3, { keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }));
    expect(ids(listKeys(s, { limit: 10, keySpec: 'SM4' }))).toEqual([keyId(2)]);
    expect(ids(listKeys(s, { limit: 10, keySpec: 'HMAC_256' }))).toEqual([keyId(3)]);
  });

  it('key state: "2" enabled, "3" disabled, "4" pending deletion, "5" pending import, "1" none', () => {
    const s = stateAfter(
      created(1),
      created(2),
      { type: 'KeyDisabled', keyId: keyId(2), at: T0 },
      created(3),
      schedule(3, T0 + DAY),
      created(4, { origin: 'external', material: null }),
    );
    const byState = (keyState: string) => ids(listKeys(s, { limit: 10, keyState }));
    expect(byState('2')).toEqual([keyId(1)]);
    expect(byState('3')).toEqual([keyId(2)]);
    expect(byState('4')).toEqual([keyId(3)]);
    expect(byState('5')).toEqual([keyId(4)]);
    expect(byState('1')).toEqual([]);
  });

  it('key state "7" or "x" → KMS.0308', () => {
    expect(refusal(() => listKeys(stateAfter(), { limit: 10, keyState: 'x' })).code).toBe('KMS.0308');
    expect(refusal(() => listKeys(stateAfter(), { limit: 10, keyState: '7' })).code).toBe('KMS.0308');
  });

  it('enterprise project filter: only keys of that project', () => {
    const s = stateAfter(created(1), created(2, { enterpriseProjectId: 'ep-a' }));
    expect(ids(listKeys(s, { limit: 10, enterpriseProjectId: 'ep-a' }))).toEqual([keyId(2)]);
    expect(ids(listKeys(s, { limit: 10, enterpriseProjectId: '0' }))).toEqual([keyId(1)]);
  });

  it('destroyed keys: never listed nor counted', () => {
    const s = stateAfter(...manyKeys(3), ...destroy(2));
    expect(listKeys(s, { limit: 10 })).toMatchObject({ total: 2 });
    expect(ids(listKeys(s, { limit: 10 }))).toEqual([keyId(1), keyId(3)]);
  });

  it('default keys: listed, flagged isDefault', () => {
    const s = stateAfter(created(1), defaultKeyCreated(2, 'csms'));
    expect(listKeys(s, { limit: 10 }).keys.map((k) => k.isDefault)).toEqual([false, true]);
  });

  it('limit 1 and 1000 → accepted; 0 or 1001 → KMS.1601; marker -1 → KMS.1602', () => {
    expect(listKeys(stateAfter(), { limit: 1 }).total).toBe(0);
    expect(listKeys(stateAfter(), { limit: 1000 }).total).toBe(0);
    expect(refusal(() => listKeys(stateAfter(), { limit: 0 })).message).toBe('limit must be 1..1000, got 0');
    expect(refusal(() => listKeys(stateAfter(), { limit: 1001 })).code).toBe('KMS.1601');
    expect(refusal(() => listKeys(stateAfter(), { limit: 10, marker: -1 })).code).toBe('KMS.1602');
  });
});

describe('dueForDestruction', () => {
  it('keys whose deleteAt ≤ now, soonest first; not-yet-due, cancelled and destroyed keys left out', () => {
    const now = T0 + 10 * DAY;
    const s = stateAfter(
      ...manyKeys(5),
      schedule(1, now),
      schedule(2, now - DAY),
      schedule(3, now + 1),
      schedule(4, now - 2 * DAY),
      { type: 'KeyDeletionCancelled', keyId: keyId(4), restoredTo: 'Disabled', at: T0 },
      ...destroy(5),
    );
    expect(dueForDestruction(s, now)).toEqual([keyId(2), keyId(1)]);
    expect(dueForDestruction(s, now + 1)).toEqual([keyId(2), keyId(1), keyId(3)]);
  });
});
