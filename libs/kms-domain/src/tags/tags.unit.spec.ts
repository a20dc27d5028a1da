import { DAY, T0, created, defaultKeyCreated, given, history, keyId, oneEvent, refusal, stateAfter } from '../fixtures.spec.js';
import { findKey, type Keyring, type KeyringCommand, type KeyringEvent } from '../index.js';
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

/** User key 1 (untagged) beside the csms default key 9. */
const base: readonly KeyringEvent[] = [created(1), defaultKeyCreated(9, 'csms')];
const tagsOf = (s: Keyring, id = ID) => findKey(s, id)?.tags;

describe('AddKeyTag / RemoveKeyTag', () => {
  it('add: KeyTagsChanged with the tag set', () => {
    given(base).when(add('env', 'prod')).then([
      { type: 'KeyTagsChanged', keyId: ID, set: [{ key: 'env', value: 'prod' }], removed: [], at: NOW },
    ]);
  });
  it('adding an existing key updates its value in place: one value per key', () => {
    given(history(base, add('a', '1'), add('b', '2')))
      .when(add('a', '3'))
      .thenSucceeds((_, s) =>
        expect(tagsOf(s)).toEqual([
          { key: 'a', value: '3' },
          { key: 'b', value: '2' },
        ]),
      );
  });
  it('adding the same key and value again: no event', () => {
    given(history(base, add('a', '1'))).when(add('a', '1')).then([]);
  });
  it('an absent value is the empty value', () => {
    given(base)
      .when({ type: 'AddKeyTag', keyId: ID, tag: { key: 'k' }, now: NOW })
      .thenSucceeds((_, s) => expect(tagsOf(s)).toEqual([{ key: 'k', value: '' }]));
  });
  it('tag key of 36 characters accepted, 37 refused (KMS.0407)', () => {
    given(base).when(add('k'.repeat(36))).thenSucceeds(oneEvent);
    given(base).when(add('k'.repeat(37))).thenRefuses({ code: 'KMS.0407', message: 'got 37' });
  });
  it('tag value of 43 characters accepted, 44 refused (KMS.0408)', () => {
    given(base).when(add('k', 'v'.repeat(43))).thenSucceeds(oneEvent);
    given(base).when(add('k', 'v'.repeat(44))).thenRefuses({ code: 'KMS.0408', message: 'got 44' });
  });
  it('bad characters: key KMS.0405, value KMS.0406; empty key KMS.0407', () => {
    given(base).when(add('a=b')).thenRefuses({ code: 'KMS.0405' });
    given(base).when(add('a', 'x y')).thenRefuses({ code: 'KMS.0406' });
    given(base).when(add('')).thenRefuses({ code: 'KMS.0407' });
  });
  it('the 20th tag is accepted, the 21st refused with KMS.0413 naming the total; updating at 20 is fine', () => {
    const s19 = history(base, batch('create', nTags(19)));
    given(s19)
      .when(add('t19'))
      .thenSucceeds((_, s) => expect(tagsOf(s)).toHaveLength(20));
    const s20 = history(s19, add('t19'));
    given(s20).when(add('t20')).thenRefuses({ code: 'KMS.0413', message: 'would make 21' });
    given(s20).when(add('t0', 'new')).thenSucceeds(oneEvent);
  });
  it('remove: KeyTagsChanged with the key removed', () => {
    const ab = history(base, add('a'), add('b'));
    given(ab).when(remove('a')).then([{ type: 'KeyTagsChanged', keyId: ID, set: [], removed: ['a'], at: NOW }]);
    given(ab)
      .when(remove('a'))
      .thenSucceeds((_, s) => expect(tagsOf(s)).toEqual([{ key: 'b', value: 'v' }]));
  });
  it('remove an absent tag key → KMS.0410', () => {
    given(base).when(remove('nope')).thenRefuses({ code: 'KMS.0410', message: '"nope"' });
  });
  it.each([add('a', 'v', DEF), remove('a', DEF), batch('create', [{ key: 'a' }], DEF), batch('delete', [{ key: 'a' }], DEF)])(
    'default key: $type refused with KMS.0411',
    (cmd) => {
      given(base).when(cmd).thenRefuses({ code: 'KMS.0411' });
    },
  );
  it.each([add('a'), remove('a'), batch('create', [{ key: 'b' }]), batch('delete', [{ key: 'a' }])])(
    'key pending deletion: $type refused with KMS.0210',
    (cmd) => {
      given([...history(base, add('a')), { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW + 7 * DAY, at: NOW }])
        .when(cmd)
        .thenRefuses({ code: 'KMS.0210' });
    },
  );
  it('disabled keys may be tagged; unknown key → KMS.0207', () => {
    given([...base, { type: 'KeyDisabled', keyId: ID, at: NOW }]).when(add('a')).thenSucceeds(oneEvent);
    given(base).when(add('a', 'v', keyId(77))).thenRefuses({ code: 'KMS.0207' });
  });
});

describe('BatchKeyTags', () => {
  it('create: new keys appended, existing updated, one event', () => {
    given(history(base, add('a', '1')))
      .when(batch('create', [{ key: 'a', value: '2' }, { key: 'b', value: '3' }]))
      .then([{ type: 'KeyTagsChanged', keyId: ID, set: [{ key: 'a', value: '2' }, { key: 'b', value: '3' }], removed: [], at: NOW }]);
  });
  it('create: 20 in one batch accepted; 21 in one batch, or 21 in total, refused with KMS.0413', () => {
    given(base)
      .when(batch('create', nTags(20)))
      .thenSucceeds((_, s) => expect(tagsOf(s)).toHaveLength(20));
    given(base).when(batch('create', nTags(21))).thenRefuses({ code: 'KMS.0413' });
    const s10 = history(base, batch('create', nTags(10, 'a')));
    given(s10).when(batch('create', nTags(11, 'b'))).thenRefuses({ code: 'KMS.0413', message: 'would make 21' });
    given(s10).when(batch('create', nTags(10, 'b'))).thenSucceeds(oneEvent);
  });
  it('create: a tag key twice in the batch → KMS.0409', () => {
    given(base).when(batch('create', [{ key: 'a' }, { key: 'a', value: 'x' }])).thenRefuses({ code: 'KMS.0409' });
  });
  it('delete: removes present keys, ignores absent ones; nothing present → no event', () => {
    const abc = history(base, batch('create', [{ key: 'a' }, { key: 'b' }, { key: 'c' }]));
    given(abc)
      .when(batch('delete', [{ key: 'a' }, { key: 'zz' }, { key: 'c', value: 'whatever' }]))
      .then([{ type: 'KeyTagsChanged', keyId: ID, set: [], removed: ['a', 'c'], batch: true, at: NOW }]);
    given(abc)
      .when(batch('delete', [{ key: 'a' }, { key: 'c' }]))
      .thenSucceeds((_, s) => expect(tagsOf(s)).toEqual([{ key: 'b', value: '' }]));
    given(abc).when(batch('delete', [{ key: 'zz' }])).then([]);
  });
  it('empty list → KMS.0401; action other than create/delete → KMS.0404', () => {
    given(base).when(batch('create', [])).thenRefuses({ code: 'KMS.0401' });
    given(base).when(batch('update', [{ key: 'a' }])).thenRefuses({ code: 'KMS.0404', message: '"update"' });
  });
});

describe('projectTags', () => {
  it('keys sorted with distinct sorted values; default and destroyed keys left out', () => {
    const s = stateAfter(
      created(1, { tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'x' }] }),
      created(2, { tags: [{ key: 'env', value: 'dev' }] }),
      created(3, { tags: [{ key: 'env', value: 'prod' }, { key: 'app', value: '' }] }),
      created(4, { tags: [{ key: 'gone', value: '1' }] }),
      defaultKeyCreated(9, 'csms'),
      { type: 'KeyDeletionScheduled', keyId: keyId(4), pendingDays: 7, deleteAt: NOW, at: NOW },
      { type: 'KeyDestroyed', keyId: keyId(4), at: NOW },
    );
    expect(projectTags(s)).toEqual([
      { key: 'app', values: [''] },
      { key: 'env', values: ['dev', 'prod'] },
      { key: 'team', values: ['x'] },
    ]);
  });
});

describe('findByTags (resource_instances)', () => {
  const s = () =>
    stateAfter(
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
