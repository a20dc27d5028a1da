import { T0, created, given, refusal, run, secretId } from './fixtures.spec.js';
import { findSecretById } from './queries.js';
import { decide, type SecretCommand } from './secrets.decide.js';
import type { SecretSet } from './secrets.js';
import { findSecretsByTags, projectSecretTags } from './tags.js';

const code = (fn: () => unknown) => refusal(fn).code;
const ID = secretId(1);
const one = () => given(created(1, 'app'));
const add = (key: string, value = '', id = ID): SecretCommand => ({ type: 'AddSecretTag', secretId: id, tag: { key, value }, now: T0 });
const tagsOf = (state: SecretSet, id = ID) => findSecretById(state, id)?.tags;
const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe('secret tags', () => {
  it('add, update in place (one value per key), remove', () => {
    let state = run(one(), add('env', 'dev'), add('team', 'x'), add('env', 'prod'));
    expect(tagsOf(state)).toEqual([{ key: 'env', value: 'prod' }, { key: 'team', value: 'x' }]);
    expect(decide(state, add('env', 'prod'))).toEqual([]);
    state = run(state, { type: 'RemoveSecretTag', secretId: ID, tagKey: 'env', now: T0 });
    expect(tagsOf(state)).toEqual([{ key: 'team', value: 'x' }]);
    expect(code(() => decide(state, { type: 'RemoveSecretTag', secretId: ID, tagKey: 'env', now: T0 }))).toBe('CSMS.0005');
  });

  it('10 tags accepted, the 11th refused naming the limit; updating a tag at 10 is fine', () => {
    const ten = run(one(), ...keys(10).map((t) => add(t.key, t.value)));
    expect(tagsOf(ten)).toHaveLength(10);
    const err = refusal(() => decide(ten, add('k10')));
    expect(err.code).toBe('CSMS.0002');
    expect(err.message).toContain('tag limit of 10');
    expect(decide(ten, add('k0', 'changed'))).toHaveLength(1);
  });

  it('key 1..36, value 0..43 characters of letters (Chinese too), digits, _ -', () => {
    expect(decide(one(), add('k'.repeat(36), 'v'.repeat(43)))).toHaveLength(1);
    expect(decide(one(), add('环境', '生产_1-a'))).toHaveLength(1);
    expect(decide(one(), add('key', ''))).toHaveLength(1);
    expect(code(() => decide(one(), add('k'.repeat(37))))).toBe('CSMS.0002');
    expect(code(() => decide(one(), add('k', 'v'.repeat(44))))).toBe('CSMS.0002');
    expect(code(() => decide(one(), add('')))).toBe('CSMS.0002');
    expect(code(() => decide(one(), add('a b')))).toBe('CSMS.0002');
    expect(code(() => decide(one(), add('a', 'x.y')))).toBe('CSMS.0002');
  });

  it('tags address secrets by id: unknown id → CSMS.0005', () => {
    expect(code(() => decide(one(), add('a', 'b', secretId(2))))).toBe('CSMS.0005');
  });

  it('batch create / delete; bad action, empty list, duplicates, over 10 refused', () => {
    const batch = (action: string, tags: { key: string; value?: string }[]): SecretCommand => ({ type: 'BatchSecretTags', secretId: ID, action, tags, now: T0 });
    let state = run(one(), batch('create', keys(3)));
    expect(tagsOf(state)).toEqual(keys(3));
    state = run(state, batch('delete', [{ key: 'k1' }, { key: 'absent' }]));
    expect(tagsOf(state)).toEqual([keys(3)[0], keys(3)[2]]);
    expect(decide(state, batch('delete', [{ key: 'absent' }]))).toEqual([]);
    expect(code(() => decide(state, batch('update', keys(1))))).toBe('CSMS.0002');
    expect(code(() => decide(state, batch('create', [])))).toBe('CSMS.0002');
    expect(code(() => decide(state, batch('create', [{ key: 'a' }, { key: 'a' }])))).toBe('CSMS.0002');
    expect(code(() => decide(one(), batch('create', keys(11))))).toBe('CSMS.0002');
    // k0, k2 exist; k1..k10 adds 9 new = 11
    expect(code(() => decide(state, batch('create', keys(11).slice(1))))).toBe('CSMS.0002');
    expect(decide(state, batch('create', keys(10)))).toHaveLength(1);
  });
});

describe('tag queries', () => {
  const project = () =>
    run(
      given(created(1, 'alpha', T0), created(2, 'beta', T0 + 1), created(3, 'gamma', T0 + 2), created(4, 'gone', T0 + 3)),
      add('env', 'prod', secretId(1)),
      add('team', 'a', secretId(1)),
      add('env', 'dev', secretId(2)),
      add('team', 'a', secretId(2)),
      add('env', 'prod', secretId(3)),
      add('env', 'prod', secretId(4)),
      { type: 'DeleteSecret', name: 'gone', now: T0 + 9 },
    );

  it('projectSecretTags: keys with distinct values, sorted, deleted secrets left out', () => {
    expect(projectSecretTags(project())).toEqual([
      { key: 'env', values: ['dev', 'prod'] },
      { key: 'team', values: ['a'] },
    ]);
  });

  it('findSecretsByTags: AND over keys, any-of values, empty values = any; paging and total', () => {
    const names = (r: ReturnType<typeof findSecretsByTags>) => r.secrets.map((s) => s.name);
    const state = project();
    expect(names(findSecretsByTags(state, { tags: [{ key: 'env', values: ['prod'] }] }))).toEqual(['alpha', 'gamma']);
    expect(names(findSecretsByTags(state, { tags: [{ key: 'env', values: ['prod', 'dev'] }, { key: 'team', values: [] }] }))).toEqual(['alpha', 'beta']);
    expect(names(findSecretsByTags(state, { tags: [{ key: 'env', values: ['dev'] }, { key: 'team', values: ['b'] }] }))).toEqual([]);
    const paged = findSecretsByTags(state, { tags: [{ key: 'env', values: [] }], offset: 1, limit: 1 });
    expect([names(paged), paged.total]).toEqual([['beta'], 3]);
    expect(names(findSecretsByTags(state, { matches: [{ key: 'resource_name', value: 'al' }] }))).toEqual(['alpha']);
  });

  it('findSecretsByTags refusals', () => {
    const state = project();
    expect(code(() => findSecretsByTags(state, { limit: 0 }))).toBe('CSMS.0002');
    expect(code(() => findSecretsByTags(state, { offset: -1 }))).toBe('CSMS.0002');
    expect(code(() => findSecretsByTags(state, { tags: keys(11).map((t) => ({ key: t.key, values: [] })) }))).toBe('CSMS.0002');
    expect(code(() => findSecretsByTags(state, { tags: [{ key: 'a', values: [] }, { key: 'a', values: [] }] }))).toBe('CSMS.0002');
    expect(code(() => findSecretsByTags(state, { matches: [{ key: 'x', value: 'y' }] }))).toBe('CSMS.0002');
  });
});
