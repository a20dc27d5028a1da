import { DAY, DOMAIN, T0, created, given, history, keyId, oneEvent, refusal, stateAfter } from '../fixtures.spec.js';
import {
  findGrant,
  grantCount,
  grantRights,
  keyDependents,
  listGrants,
  listRetirableGrants,
  retirableGrants,
  validateGrantOperations,
  type CreateGrant,
} from '../index.js';
import { GRANT_OPERATIONS, findKey, type Keyring, type KeyringCommand, type KeyringEvent } from '../index.js';

const ID = keyId(1);
const OTHER = keyId(2);
const NOW = T0 + DAY;
const OWNER = 'a0000000000000000000000000000001';
const G = 'b0000000000000000000000000000002'; // a user of another account
const G_DOMAIN = 'd0000000000000000000000000000002';
const H = 'c0000000000000000000000000000003';
const H_DOMAIN = 'e0000000000000000000000000000003';

const gid = (n: number) => n.toString(16).padStart(64, '0');

const grant = (n: number, over: Partial<CreateGrant> = {}): CreateGrant => ({
  type: 'CreateGrant',
  keyId: ID,
  grantId: gid(n),
  granteePrincipal: G,
  operations: ['encrypt-data'],
  issuingPrincipal: OWNER,
  now: NOW + n,
  ...over,
});
const revoke = (n: number, key = ID): KeyringCommand => ({ type: 'RevokeGrant', keyId: key, grantId: gid(n), now: NOW + DAY });
const retire = (n: number, userId: string, domainId: string, key = ID): KeyringCommand => ({
  type: 'RetireGrant',
  keyId: key,
  grantId: gid(n),
  retiringCaller: { userId, domainId },
  now: NOW + DAY,
});
const deletionScheduled: KeyringEvent = { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW + 7 * DAY, at: NOW };

/** Keys 1 and 2, both Enabled, no grants. */
const base: readonly KeyringEvent[] = [created(1), created(2)];
/** Key 1 with grants 1..count. */
const withGrants = (count: number): KeyringEvent[] => history(base, ...Array.from({ length: count }, (_, i) => grant(i + 1)));
const key = (s: Keyring, id = ID) => {
  const k = findKey(s, id);
  if (!k) throw new Error('missing');
  return k;
};

describe('CreateGrant', () => {
  it('GrantCreated with every field; defaults: type user, name "", no retiring principal', () => {
    given(base).when(grant(1)).then([
      {
        type: 'GrantCreated',
        keyId: ID,
        at: NOW + 1,
        grant: {
          grantId: gid(1),
          keyId: ID,
          granteePrincipal: G,
          granteePrincipalType: 'user',
          operations: ['encrypt-data'],
          name: '',
          retiringPrincipal: null,
          issuingPrincipal: OWNER,
          createdAt: NOW + 1,
        },
      },
    ]);
    given(base)
      .when(grant(1, { name: 'app:a/b_c-d', retiringPrincipal: H, granteePrincipalType: 'domain', granteePrincipal: G_DOMAIN }))
      .thenSucceeds((_, s) => {
        expect(findGrant(s, gid(1))).toMatchObject({ name: 'app:a/b_c-d', retiringPrincipal: H, granteePrincipalType: 'domain' });
        expect(grantCount(key(s))).toBe(1);
      });
  });
  it('every listed operation is accepted; duplicates are dropped', () => {
    expect(validateGrantOperations([...GRANT_OPERATIONS])).toEqual(GRANT_OPERATIONS);
    expect(validateGrantOperations(['encrypt-data', 'encrypt-data', 'create-grant'])).toEqual(['encrypt-data', 'create-grant']);
  });
  it('empty operations → KMS.2401', () => {
    given(base).when(grant(1, { operations: [] })).thenRefuses({ code: 'KMS.2401' });
  });
  it('unknown operation → KMS.2401 naming it', () => {
    given(base).when(grant(1, { operations: ['encrypt-data', 'sign'] })).thenRefuses({ code: 'KMS.2401', message: '"sign"' });
  });
  it('create-grant alone → KMS.2401 (also when repeated); with another operation it is fine', () => {
    given(base).when(grant(1, { operations: ['create-grant'] })).thenRefuses({ code: 'KMS.2401' });
    given(base).when(grant(1, { operations: ['create-grant', 'create-grant'] })).thenRefuses({ code: 'KMS.2401' });
    given(base).when(grant(1, { operations: ['create-grant', 'describe-key'] })).thenSucceeds(oneEvent);
  });
  it.each(['', 'a'.repeat(65), 'user-1', 'ü'])('grantee %p → KMS.2402', (p) => {
    given(base).when(grant(1, { granteePrincipal: p })).thenRefuses({ code: 'KMS.2402' });
  });
  it('grantee of 64 alphanumerics is accepted', () => {
    given(base).when(grant(1, { granteePrincipal: 'A1'.repeat(32) })).thenSucceeds(oneEvent);
  });
  it('retiring principal follows the grantee rule (KMS.2402)', () => {
    given(base).when(grant(1, { retiringPrincipal: 'bad principal' })).thenRefuses({ code: 'KMS.2402' });
  });
  it('grantee type other than user/domain → KMS.0308', () => {
    given(base).when(grant(1, { granteePrincipalType: 'group' })).thenRefuses({ code: 'KMS.0308' });
  });
  it.each(['', 'a'.repeat(256), 'has space', 'a.b'])('name %p → KMS.0308', (name) => {
    given(base).when(grant(1, { name })).thenRefuses({ code: 'KMS.0308' });
  });
  it('name of 255 characters is accepted', () => {
    given(base).when(grant(1, { name: 'n'.repeat(255) })).thenSucceeds(oneEvent);
  });
  it('grant id must be 64 hex (KMS.0308); upper case is stored lower case; a taken id → KMS.2403', () => {
    given(base).when(grant(1, { grantId: 'abc' })).thenRefuses({ code: 'KMS.0308' });
    given(base).when(grant(1, { grantId: 'g'.repeat(64) })).thenRefuses({ code: 'KMS.0308' });
    given(base)
      .when(grant(1, { grantId: 'AB'.repeat(32) }))
      .thenSucceeds((_, s) => expect(findGrant(s, 'ab'.repeat(32))?.grantId).toBe('ab'.repeat(32)));
    given(history(base, grant(1, { grantId: 'AB'.repeat(32) })))
      .when(grant(2, { grantId: 'ab'.repeat(32), keyId: OTHER }))
      .thenRefuses({ code: 'KMS.2403' });
  });
  it('key must be Enabled: disabled → KMS.0209, pending deletion → KMS.0210, pending import → KMS.0209, missing → KMS.0207', () => {
    given([...base, { type: 'KeyDisabled', keyId: ID, at: NOW }]).when(grant(1)).thenRefuses({ code: 'KMS.0209' });
    given([...base, deletionScheduled]).when(grant(1)).thenRefuses({ code: 'KMS.0210' });
    given([created(1, { origin: 'external', material: null })]).when(grant(1)).thenRefuses({ code: 'KMS.0209' });
    given(base).when(grant(1, { keyId: keyId(77) })).thenRefuses({ code: 'KMS.0207' });
  });
  it('the 100th grant is accepted, the 101st refused with KMS.2404', () => {
    given(withGrants(99))
      .when(grant(100))
      .thenSucceeds((_, s) => expect(grantCount(key(s))).toBe(100));
    const s100 = withGrants(100);
    given(s100).when(grant(101)).thenRefuses({ code: 'KMS.2404', message: 'grant quota of 100 per key reached' });
    // the quota is per key
    given(s100).when(grant(101, { keyId: OTHER })).thenSucceeds(oneEvent);
  });
});

describe('RevokeGrant / RetireGrant', () => {
  /** Grant 1 on key 1, grant 2 on key 2. */
  const one = history(base, grant(1), grant(2, { keyId: OTHER }));

  it('revoke: GrantRevoked, the grant is gone', () => {
    given(one).when(revoke(1)).then([{ type: 'GrantRevoked', keyId: ID, grantId: gid(1), at: NOW + DAY }]);
    given(one)
      .when(revoke(1))
      .thenSucceeds((_, s) => {
        expect(findGrant(s, gid(1))).toBeUndefined();
        expect(grantCount(key(s))).toBe(0);
      });
  });
  it('revoke an unknown grant → KMS.2501 (404); grant of another key → KMS.2502; bad id → KMS.0308', () => {
    given(one).when(revoke(9)).thenRefuses({ code: 'KMS.2501', status: 404 });
    given(one).when(revoke(2)).thenRefuses({ code: 'KMS.2502' });
    given(one).when({ type: 'RevokeGrant', keyId: ID, grantId: 'xyz', now: NOW }).thenRefuses({ code: 'KMS.0308' });
    given(one).when(revoke(1, keyId(77))).thenRefuses({ code: 'KMS.0207' });
  });
  it('revoke works on a disabled key too', () => {
    given([...one, { type: 'KeyDisabled', keyId: ID, at: NOW }]).when(revoke(1)).thenSucceeds(oneEvent);
  });
  it('retire by the user grantee', () => {
    given(one).when(retire(1, G, G_DOMAIN)).then([{ type: 'GrantRetired', keyId: ID, grantId: gid(1), at: NOW + DAY }]);
  });
  it('retire by a domain grantee: any user of that domain', () => {
    const domainGrant = history(base, grant(1, { granteePrincipalType: 'domain', granteePrincipal: G_DOMAIN }));
    given(domainGrant).when(retire(1, H, G_DOMAIN)).thenSucceeds(oneEvent);
    // a user whose id equals the domain grantee string but from another domain: not the grantee
    given(domainGrant).when(retire(1, G_DOMAIN, H_DOMAIN)).thenRefuses({ code: 'KMS.0306' });
  });
  it('retire by the retiring principal (user id or domain id)', () => {
    const retirable = history(base, grant(1, { retiringPrincipal: H }), grant(3, { retiringPrincipal: H_DOMAIN }));
    given(retirable).when(retire(1, H, H_DOMAIN)).thenSucceeds(oneEvent);
    given(retirable).when(retire(3, 'f0000000000000000000000000000009', H_DOMAIN)).thenSucceeds(oneEvent);
  });
  it('retire by anyone else → KMS.0306 (403), the key owner included', () => {
    given(one).when(retire(1, OWNER, DOMAIN)).thenRefuses({ code: 'KMS.0306', status: 403 });
  });
  it('retire: unknown grant → KMS.2501, another key → KMS.2502', () => {
    given(one).when(retire(9, G, G_DOMAIN)).thenRefuses({ code: 'KMS.2501' });
    given(one).when(retire(2, G, G_DOMAIN)).thenRefuses({ code: 'KMS.2502' });
  });
  it('a revoked grant cannot be revoked again (KMS.2501)', () => {
    given(history(one, revoke(1))).when(revoke(1)).thenRefuses({ code: 'KMS.2501' });
  });
});

describe('grant rights and independence', () => {
  it("a principal's rights are the union of its grants; others get nothing", () => {
    const s = stateAfter(
      ...history(
        base,
        grant(1, { operations: ['encrypt-data', 'describe-key'] }),
        grant(2, { operations: ['decrypt-data'] }),
        grant(3, { granteePrincipalType: 'domain', granteePrincipal: G_DOMAIN, operations: ['create-datakey'] }),
        grant(4, { granteePrincipal: H, operations: ['retire-grant'] }),
        grant(5, { keyId: OTHER, operations: ['decrypt-datakey'] }),
      ),
    );
    expect([...grantRights(s, ID, { userId: G, domainId: G_DOMAIN })].sort()).toEqual(
      ['create-datakey', 'decrypt-data', 'describe-key', 'encrypt-data'],
    );
    // another user of G's domain gets the domain grant only
    expect([...grantRights(s, ID, { userId: 'f'.repeat(32), domainId: G_DOMAIN })]).toEqual(['create-datakey']);
    expect([...grantRights(s, ID, { userId: OWNER, domainId: DOMAIN })]).toEqual([]);
    expect([...grantRights(s, OTHER, { userId: G, domainId: G_DOMAIN })]).toEqual(['decrypt-datakey']);
    expect(grantRights(s, keyId(77), { userId: G, domainId: G_DOMAIN }).size).toBe(0);
  });
  it("a grant made by G survives the revocation or retirement of G's own grant", () => {
    const chain = history(
      base,
      grant(1, { operations: ['create-grant', 'encrypt-data'] }),
      grant(2, { granteePrincipal: H, issuingPrincipal: G, operations: ['encrypt-data'] }),
    );
    for (const gone of [revoke(1), retire(1, G, G_DOMAIN)]) {
      given(chain)
        .when(gone)
        .thenSucceeds((_, s) => {
          expect(findGrant(s, gid(1))).toBeUndefined();
          expect(findGrant(s, gid(2))).toMatchObject({ issuingPrincipal: G, granteePrincipal: H });
          expect([...grantRights(s, ID, { userId: H, domainId: H_DOMAIN })]).toEqual(['encrypt-data']);
          expect(grantRights(s, ID, { userId: G, domainId: G_DOMAIN }).size).toBe(0);
        });
    }
  });
  it('grants of a destroyed key vanish with it; their ids are unknown afterwards', () => {
    const pending = [...withGrants(2), deletionScheduled];
    expect(grantCount(key(stateAfter(...pending)))).toBe(2); // pending deletion keeps them
    const destroyed = [...pending, { type: 'KeyDestroyed', keyId: ID, at: NOW + 7 * DAY } as const];
    const s = stateAfter(...destroyed);
    expect(findGrant(s, gid(1))).toBeUndefined();
    expect(s.grantIndex.size).toBe(0);
    expect(retirableGrants(s, { userId: G, domainId: G_DOMAIN })).toEqual([]);
    given(destroyed).when(revoke(1)).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('listing grants', () => {
  it('list-grants pages in creation order with marker, truncated and total', () => {
    const s = stateAfter(...withGrants(5));
    const p1 = listGrants(s, ID, { limit: 2 });
    expect(p1).toMatchObject({ nextMarker: '2', truncated: true, total: 5 });
    expect(p1.grants.map((g) => g.grantId)).toEqual([gid(1), gid(2)]);
    const p3 = listGrants(s, ID, { limit: 2, marker: 4 });
    expect(p3).toMatchObject({ nextMarker: '', truncated: false, total: 5 });
    expect(p3.grants.map((g) => g.grantId)).toEqual([gid(5)]);
    expect(listGrants(s, ID).grants).toHaveLength(5);
    expect(listGrants(s, OTHER)).toEqual({ grants: [], nextMarker: '', truncated: false, total: 0 });
  });
  it('limit 1..1000 (KMS.1601), marker ≥ 0 (KMS.1602), unknown key KMS.0207', () => {
    const s = stateAfter(...withGrants(1));
    expect(listGrants(s, ID, { limit: 1000 }).grants).toHaveLength(1);
    expect(refusal(() => listGrants(s, ID, { limit: 0 })).code).toBe('KMS.1601');
    expect(refusal(() => listGrants(s, ID, { limit: 1001 })).code).toBe('KMS.1601');
    expect(refusal(() => listGrants(s, ID, { marker: -1 })).code).toBe('KMS.1602');
    expect(refusal(() => listGrants(s, keyId(77))).code).toBe('KMS.0207');
  });
  it('retirable grants: across keys, grants naming a retiring principal where the caller is grantee or retiring principal', () => {
    const s = stateAfter(
      ...history(
        base,
        grant(1, { retiringPrincipal: H }),
        grant(2, { keyId: OTHER, granteePrincipal: H, retiringPrincipal: G }),
        grant(3, { granteePrincipal: H, retiringPrincipal: H }),
        grant(4, { keyId: OTHER, granteePrincipalType: 'domain', granteePrincipal: G_DOMAIN, retiringPrincipal: H }),
        grant(5, { retiringPrincipal: G_DOMAIN }),
      ),
    );
    const caller = { userId: G, domainId: G_DOMAIN };
    expect(retirableGrants(s, caller).map((g) => g.grantId)).toEqual([gid(1), gid(2), gid(4), gid(5)]);
    expect(listRetirableGrants(s, caller, { limit: 2 })).toMatchObject({ nextMarker: '2', truncated: true, total: 4 });
  });
  it('retirable grants: a grant without a retiring principal is not listed, even to its grantee (who may still retire it)', () => {
    const events = history(base, grant(1), grant(2, { keyId: OTHER, granteePrincipalType: 'domain', granteePrincipal: G_DOMAIN }));
    const s = stateAfter(...events);
    const caller = { userId: G, domainId: G_DOMAIN };
    expect(retirableGrants(s, caller)).toEqual([]);
    expect(listRetirableGrants(s, caller)).toMatchObject({ grants: [], total: 0 });
    given(events)
      .when(retire(1, G, G_DOMAIN))
      .thenSucceeds((_, after) => expect(findGrant(after, gid(1))).toBeUndefined());
  });
  it('keyDependents counts grants', () => {
    expect(keyDependents(stateAfter(...withGrants(3)), ID)).toEqual({ grants: 3 });
    expect(keyDependents(stateAfter(...base), OTHER)).toEqual({ grants: 0 });
    expect(refusal(() => keyDependents(stateAfter(...base), keyId(77))).code).toBe('KMS.0207');
  });
});
