import { T0, created, given, history, oneEvent, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretCommand, SecretEvent } from '../secret-set.decider.js';
import { findSecretById } from '../state/queries.js';
import type { SecretSet } from '../state/secret-set.js';

const ID = secretId(1);
const one = [created(1, 'app')];
const add = (key: string, value = '', id = ID): SecretCommand => ({ type: 'AddSecretTag', secretId: id, tag: { key, value }, now: T0 });
const batch = (action: string, tags: { key: string; value?: string }[]): SecretCommand => ({ type: 'BatchSecretTags', secretId: ID, action, tags, now: T0 });
const tagsOf = (state: SecretSet, id = ID) => findSecretById(state, id)?.tags;
const tagsAfter = (events: readonly SecretEvent[]) => tagsOf(stateAfter(events));
const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe('secret tags', () => {
  it('add, update in place (one value per key), remove', () => {
    const tagged = history(one, add('env', 'dev'), add('team', 'x'), add('env', 'prod'));
    expect(tagsAfter(tagged)).toEqual([{ key: 'env', value: 'prod' }, { key: 'team', value: 'x' }]);
    given(tagged).when(add('env', 'prod')).then([]);
    const removed = history(tagged, { type: 'RemoveSecretTag', secretId: ID, tagKey: 'env', now: T0 });
    expect(tagsAfter(removed)).toEqual([{ key: 'team', value: 'x' }]);
    given(removed).when({ type: 'RemoveSecretTag', secretId: ID, tagKey: 'env', now: T0 }).thenRefuses({ code: 'CSMS.0005', message: 'secret "app" has no tag "env"' });
  });

  it('10 tags accepted, the 11th refused naming the limit; updating a tag at 10 is fine', () => {
    const ten = history(one, ...keys(10).map((t) => add(t.key, t.value)));
    expect(tagsAfter(ten)).toHaveLength(10);
    given(ten).when(add('k10')).thenRefuses({ code: 'CSMS.0002', message: 'tag limit of 10 per secret: secret "app" has 10, adding 1 would make 11' });
    given(ten).when(add('k0', 'changed')).thenSucceeds(oneEvent);
  });

  it('key 1..36, value 0..43 characters of letters (Chinese too), digits, _ -', () => {
    given(one).when(add('k'.repeat(36), 'v'.repeat(43))).thenSucceeds(oneEvent);
    given(one).when(add('环境', '生产_1-a')).thenSucceeds(oneEvent);
    given(one).when(add('key', '')).thenSucceeds(oneEvent);
    given(one).when(add('k'.repeat(37))).thenRefuses({ code: 'CSMS.0002', message: 'tag.key must be 1..36 characters, got 37' });
    given(one).when(add('k', 'v'.repeat(44))).thenRefuses({ code: 'CSMS.0002', message: 'tag.value must be 0..43 characters, got 44' });
    given(one).when(add('')).thenRefuses({ code: 'CSMS.0002' });
    given(one).when(add('a b')).thenRefuses({ code: 'CSMS.0002', message: 'tag.key may contain only letters, digits, _ and -, got " " at position 2' });
    given(one).when(add('a', 'x.y')).thenRefuses({ code: 'CSMS.0002' });
  });

  it('tags address secrets by id: unknown id → CSMS.0005', () => {
    given(one).when(add('a', 'b', secretId(2))).thenRefuses({ code: 'CSMS.0005' });
  });

  it('batch create / delete; bad action, empty list, duplicates, over 10 refused', () => {
    const three = history(one, batch('create', keys(3)));
    expect(tagsAfter(three)).toEqual(keys(3));
    const two = history(three, batch('delete', [{ key: 'k1' }, { key: 'absent' }]));
    expect(tagsAfter(two)).toEqual([keys(3)[0], keys(3)[2]]);
    given(two).when(batch('delete', [{ key: 'absent' }])).then([]);
    given(two).when(batch('update', keys(1))).thenRefuses({ code: 'CSMS.0002', message: 'action must be create or delete, got "update"' });
    given(two).when(batch('create', [])).thenRefuses({ code: 'CSMS.0002', message: 'tags must not be empty' });
    given(two).when(batch('create', [{ key: 'a' }, { key: 'a' }])).thenRefuses({ code: 'CSMS.0002', message: 'tags[1].key "a" duplicates tags[0].key' });
    given(one).when(batch('create', keys(11))).thenRefuses({ code: 'CSMS.0002', message: 'got 11 tags' });
    // k0, k2 exist; k1..k10 adds 9 new = 11
    given(two).when(batch('create', keys(11).slice(1))).thenRefuses({ code: 'CSMS.0002' });
    given(two).when(batch('create', keys(10))).thenSucceeds(oneEvent);
  });
});
