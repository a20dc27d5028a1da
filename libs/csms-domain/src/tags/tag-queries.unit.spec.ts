import { T0, created, history, secretId, stateAfter } from '../fixtures.spec.js';
import type { SecretCommand } from '../secret-set.decider.js';
import { findSecretsByTags, projectSecretTags } from './queries.js';

const add = (key: string, value: string, n: number): SecretCommand => ({ type: 'AddSecretTag', secretId: secretId(n), tag: { key, value }, now: T0 });
const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, values: [] }));
const refusedWith = (code: string, message?: string) => expect.objectContaining({ code, ...(message ? { message } : {}) });

describe('tag queries', () => {
  const project = () =>
    stateAfter(
      history(
        [created(1, 'alpha', T0), created(2, 'beta', T0 + 1), created(3, 'gamma', T0 + 2), created(4, 'gone', T0 + 3)],
        add('env', 'prod', 1),
        add('team', 'a', 1),
        add('env', 'dev', 2),
        add('team', 'a', 2),
        add('env', 'prod', 3),
        add('env', 'prod', 4),
        { type: 'DeleteSecret', name: 'gone', now: T0 + 9 },
      ),
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
    expect(() => findSecretsByTags(state, { limit: 0 })).toThrow(refusedWith('CSMS.0002', 'limit must be an integer 1..1000, got "0"'));
    expect(() => findSecretsByTags(state, { offset: -1 })).toThrow(refusedWith('CSMS.0002', 'offset must be an integer of at least 0, got "-1"'));
    expect(() => findSecretsByTags(state, { tags: keys(11) })).toThrow(refusedWith('CSMS.0002', 'at most 10 tags per search, got 11'));
    expect(() => findSecretsByTags(state, { tags: [{ key: 'a', values: [] }, { key: 'a', values: [] }] })).toThrow(
      refusedWith('CSMS.0002', 'tags[1].key "a" appears twice'),
    );
    expect(() => findSecretsByTags(state, { matches: [{ key: 'x', value: 'y' }] })).toThrow(refusedWith('CSMS.0002', 'matches[0].key must be resource_name, got "x"'));
  });
});
