import { allRoutes } from '../routes/index.js';
import { pathStyleResolver } from './path-style.js';

describe('pathStyleResolver: the error style of a path no route serves', () => {
  const styleOf = pathStyleResolver(allRoutes);
  const project = '0123456789abcdef0123456789abcdef';

  it.each([
    [`/v1/${project}/csms/nope`, 'csms'],
    [`/v1/${project}/secrets/a/b/c/d/e`, 'csms'],
    [`/v1.0/${project}/kms/no-such-verb`, 'kms'],
    [`/v3/${project}/keypairs/a/b/c`, 'kps'],
    [`/v3/${project}/traces/extra`, 'cts'],
    ['/v3/users/u/nope/deeper', 'iam'],
    ['/v3.0/OS-USER/nothing', 'iam'],
    ['/nothing/here', 'kms'],
    // An empty project segment stays a segment: the fuzzer's `/v1//dew-hsm/…` answered in CSMS's shape.
    ['/v1//dew-hsm/instances/575c2321-c13d-4300-a65c-513c30b7c51d/activate', 'dhsm'],
    ['/v3//traces', 'cts'],
    [`/v1/${project}/secrets/`, 'csms'],
  ])('%s answers in the %s shape', (path, style) => {
    expect(styleOf(path)).toBe(style);
  });

  it('a query string does not change the answer', () => {
    expect(styleOf(`/v1/${project}/csms/nope?limit=1`)).toBe('csms');
  });
});
