import { DAY, T0, apply, created, defaultKeyCreated, given, keyId, refusal } from '../fixtures.spec.js';
import { decide, type KeyringCommand } from '../index.js';
import { evolve, findKey, type Keyring } from '../index.js';
import type { KeyTagInput } from '../index.js';
import { findByTags, projectTags, type FindByTagsQuery } from '../index.js';

const ID = keyId(1);
const DEF = keyId(9);
const NOW = T0 + DAY;

const add = (key: string, value = 'v', id = ID): KeyringCommand => ({ type: 'AddKeyTag', keyId: id, tag: { key, value }, now: NOW });
const remove = (tagKey: string, id = ID): KeyringCommand => ({ type: 'RemoveKeyTag', keyId: id, tagKey, now: NOW });
const batch = (action: string, tags: readonly KeyTagInput[], id = ID): KeyringCommand => ({
  type: 'BatchKeyTags',
  keyId: id,
  action,
  tags,
  now: NOW,
});
const nTags = (n: number, prefix = 't'): KeyTagInput[] => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: 'x' }));

const base = () => given(created(1), defaultKeyCreated(9, 'csms'));
const fails = (s: Keyring, cmd: KeyringCommand) => refusal(() => decide(s, cmd));
const tagsOf = (s: Keyring, id = ID) => findKey(s, id)?.tags;

describe('AddKeyTag / RemoveKeyTag', () => {
  it('add: KeyTagsChanged with the tag set', () => {
    expect(decide(base(), add('env', 'prod'))).toEqual([
      { type: 'KeyTagsChanged', keyId: ID, set: [{ key: 'env', value: 'prod' }], removed: [], at: NOW },
    ]);
  });
  it('adding an existing key updates its value in place: one value per key', () => {
    const s = apply(base(), add('a', '1'), add('b', '2'), add('a', '3'));
    expect(tagsOf(s)).toEqual([
      { key: 'a', value: '3' },
      { key: 'b', value: '2' },
    ]);
  });
  it('adding the same key and value again: no event', () => {
    expect(decide(apply(base(), add('a', '1')), add('a', '1'))).toEqual([]);
  });
  it('an absent value is the empty value', () => {
    const s = apply(base(), { type: 'AddKeyTag', keyId: ID, tag: { key: 'k' }, now: NOW });
    expect(tagsOf(s)).toEqual([{ key: 'k', value: '' }]);
  });
  it('tag key of 36 characters accepted, 37 refused (KMS.0407)', () => {
    expect(decide(base(), add('k'.repeat(36)))).toHaveLength(1);
    expect(fails(base(), add('k'.repeat(37)))).toMatchObject({ code: 'KMS.0407', message: expect.stringContaining('got 37') });
  });
  it('tag value of 43 characters accepted, 44 refused (KMS.0408)', () => {
    expect(decide(base(), add('k', 'v'.repeat(43)))).toHaveLength(1);
    expect(fails(base(), add('k', 'v'.repeat(44)))).toMatchObject({ code: 'KMS.0408', message: expect.stringContaining('got 44') });
  });
  it('bad characters: key KMS.0405, value KMS.0406; empty key KMS.0407', () => {
    expect(fails(base(), add('a=b')).code).toBe('KMS.0405');
    expect(fails(base(), add('a', 'x y')).code).toBe('KMS.0406');
    expect(fails(base(), add('')).code).toBe('KMS.0407');
  });
  it('the 20th tag is accepted, the 21st refused with KMS.0413 naming the total; updating at 20 is fine', () => {
    const s19 = apply(base(), batch('create', nTags(19)));
    const s20 = apply(s19, add('t19'));
    expect(tagsOf(s20)).toHaveLength(20);
    expect(fails(s20, add('t20'))).toMatchObject({ code: 'KMS.0413', message: expect.stringContaining('would make 21') });
    expect(decide(s20, add('t0', 'new'))).toHaveLength(1);
  });
  it('remove: KeyTagsChanged with the key removed', () => {
    const s = apply(base(), add('a'), add('b'));
    expect(decide(s, remove('a'))).toEqual([{ type: 'KeyTagsChanged', keyId: ID, set: [], removed: ['a'], at: NOW }]);
    expect(tagsOf(apply(s, remove('a')))).toEqual([{ key: 'b', value: 'v' }]);
  });
  it('remove an absent tag key → KMS.0410', () => {
    expect(fails(base(), remove('nope'))).toMatchObject({ code: 'KMS.0410', message: expect.stringContaining('"nope"') });
  });
  it.each([add('a', 'v', DEF), remove('a', DEF), batch('create', [{ key: 'a' }], DEF), batch('delete', [{ key: 'a' }], DEF)])(
    'default key: $type refused with KMS.0411',
    (cmd) => {
      expect(fails(base(), cmd).code).toBe('KMS.0411');
    },
  );
  it.each([add('a'), remove('a'), batch('create', [{ key: 'b' }]), batch('delete', [{ key: 'a' }])])(
    'key pending deletion: $type refused with KMS.0210',
    (cmd) => {
      const s = evolve(apply(base(), add('a')), { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW + 7 * DAY, at: NOW });
      expect(fails(s, cmd).code).toBe('KMS.0210');
    },
  );
  it('disabled keys may be tagged; unknown key → KMS.0207', () => {
    expect(decide(evolve(base(), { type: 'KeyDisabled', keyId: ID, at: NOW }), add('a'))).toHaveLength(1);
    expect(fails(base(), add('a', 'v', keyId(77))).code).toBe('KMS.0207');
  });
});

describe('BatchKeyTags', () => {
  it('create: new keys appended, existing updated, one event', () => {
    const s = apply(base(), add('a', '1'));
    expect(decide(s, batch('create', [{ key: 'a', value: '2' }, { key: 'b', value: '3' }]))).toEqual([
      { type: 'KeyTagsChanged', keyId: ID, set: [{ key: 'a', value: '2' }, { key: 'b', value: '3' }], removed: [], at: NOW },
    ]);
  });
  it('create: 20 in one batch accepted; 21 in one batch, or 21 in total, refused with KMS.0413', () => {
    expect(tagsOf(apply(base(), batch('create', nTags(20))))).toHaveLength(20);
    expect(fails(base(), batch('create', nTags(21))).code).toBe('KMS.0413');
    const s10 = apply(base(), batch('create', nTags(10, 'a')));
    expect(fails(s10, batch('create', nTags(11, 'b')))).toMatchObject({ code: 'KMS.0413', message: expect.stringContaining('would make 21') });
    expect(decide(s10, batch('create', nTags(10, 'b')))).toHaveLength(1);
  });
  it('create: a tag key twice in the batch → KMS.0409', () => {
    expect(fails(base(), batch('create', [{ key: 'a' }, { key: 'a', value: 'x' }])).code).toBe('KMS.0409');
  });
  it('delete: removes present keys, ignores absent ones; nothing present → no event', () => {
    const s = apply(base(), batch('create', [{ key: 'a' }, { key: 'b' }, { key: 'c' }]));
    expect(decide(s, batch('delete', [{ key: 'a' }, { key: 'zz' }, { key: 'c', value: 'whatever' }]))).toEqual([
      { type: 'KeyTagsChanged', keyId: ID, set: [], removed: ['a', 'c'], batch: true, at: NOW },
    ]);
    expect(tagsOf(apply(s, batch('delete', [{ key: 'a' }, { key: 'c' }])))).toEqual([{ key: 'b', value: '' }]);
    expect(decide(s, batch('delete', [{ key: 'zz' }]))).toEqual([]);
  });
  it('empty list → KMS.0401; action other than create/delete → KMS.0404', () => {
    expect(fails(base(), batch('create', [])).code).toBe('KMS.0401');
    expect(fails(base(), batch('update', [{ key: 'a' }]))).toMatchObject({ code: 'KMS.0404', message: expect.stringContaining('"update"') });
  });
});

describe('projectTags', () => {
  it('keys sorted with distinct sorted values; default and destroyed keys left out', () => {
    let s = given(
      created(1, { tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'x' }] }),
      created(2, { tags: [{ key: 'env', value: 'dev' }] }),
      created(3, { tags: [{ key: 'env', value: 'prod' }, { key: 'app', value: '' }] }),
      created(4, { tags: [{ key: 'gone', value: '1' }] }),
      defaultKeyCreated(9, 'csms'),
    );
    s = evolve(s, { type: 'KeyDeletionScheduled', keyId: keyId(4), pendingDays: 7, deleteAt: NOW, at: NOW });
    s = evolve(s, { type: 'KeyDestroyed', keyId: keyId(4), at: NOW });
    expect(projectTags(s)).toEqual([
      { key: 'app', values: [''] },
      { key: 'env', values: ['dev', 'prod'] },
      { key: 'team', values: ['x'] },
    ]);
  });
});

describe('findByTags (resource_instances)', () => {
  const s = () =>
    given(
      created(1, { alias: 'orders-prod', tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'a' }] }),
      created(2, { alias: 'orders-dev', tags: [{ key: 'env', value: 'dev' }, { key: 'team', value: 'a' }] }),
      created(3, { alias: 'billing-prod', tags: [{ key: 'env', value: 'prod' }] }),
      created(4, { alias: 'misc', tags: [{ key: 'team', value: 'b' }] }),
      defaultKeyCreated(9, 'csms'),
    );
  const ids = (q: FindByTagsQuery) => findByTags(s(), q).keys.map((k) => k.keyId);

  it('no filters: every non-default key in creation order', () => {
    expect(ids({})).toEqual([keyId(1), keyId(2), keyId(3), keyId(4)]);
    expect(findByTags(s(), {}).total).toBe(4);
  });
  it('AND over tag keys', () => {
    expect(ids({ tags: [{ key: 'env', values: ['prod'] }, { key: 'team', values: ['a'] }] })).toEqual([keyId(1)]);
  });
  it('any-of over the values of one key', () => {
    expect(ids({ tags: [{ key: 'env', values: ['prod', 'dev'] }] })).toEqual([keyId(1), keyId(2), keyId(3)]);
  });
  it('empty values: the key present with any value', () => {
    expect(ids({ tags: [{ key: 'team', values: [] }] })).toEqual([keyId(1), keyId(2), keyId(4)]);
    expect(ids({ tags: [{ key: 'nope', values: [] }] })).toEqual([]);
  });
  it('matches resource_name: substring of the alias, combined with tags', () => {
    expect(ids({ matches: [{ key: 'resource_name', value: 'orders' }] })).toEqual([keyId(1), keyId(2)]);
    expect(ids({ matches: [{ key: 'resource_name', value: 'prod' }], tags: [{ key: 'team', values: [] }] })).toEqual([keyId(1)]);
    expect(ids({ matches: [{ key: 'resource_name', value: '' }] })).toHaveLength(4);
  });
  it('other match keys → KMS.0415', () => {
    expect(refusal(() => findByTags(s(), { matches: [{ key: 'resource_id', value: 'x' }] })).code).toBe('KMS.0415');
  });
  it('offset and limit page; total counts all', () => {
    expect(findByTags(s(), { offset: 1, limit: 2 }).keys.map((k) => k.keyId)).toEqual([keyId(2), keyId(3)]);
    expect(findByTags(s(), { offset: 1, limit: 2 }).total).toBe(4);
    expect(findByTags(s(), { offset: 10 }).keys).toEqual([]);
  });
  it('offset < 0 → KMS.0417; limit outside 1..1000 → KMS.1601', () => {
    expect(refusal(() => findByTags(s(), { offset: -1 })).code).toBe('KMS.0417');
    expect(refusal(() => findByTags(s(), { limit: 0 })).code).toBe('KMS.1601');
    expect(refusal(() => findByTags(s(), { limit: 1001 })).code).toBe('KMS.1601');
    expect(findByTags(s(), { limit: 1000 }).keys).toHaveLength(4);
  });
  it('20 tag filters accepted, 21 refused with KMS.0413; a bad filter key is refused; a repeated key → KMS.0409', () => {
    const filters = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, values: [] }));
    expect(findByTags(s(), { tags: filters(20) }).total).toBe(0);
    expect(refusal(() => findByTags(s(), { tags: filters(21) })).code).toBe('KMS.0413');
    expect(refusal(() => findByTags(s(), { tags: [{ key: 'a b', values: [] }] })).code).toBe('KMS.0405');
    expect(refusal(() => findByTags(s(), { tags: [{ key: 'a', values: ['x y'] }] })).code).toBe('KMS.0406');
    expect(refusal(() => findByTags(s(), { tags: [{ key: 'a', values: [] }, { key: 'a', values: ['1'] }] })).code).toBe('KMS.0409');
  });
});
