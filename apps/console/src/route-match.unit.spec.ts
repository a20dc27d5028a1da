import { matchPath, pathTo } from './route-match';

describe('console routes', () => {
  it('a pattern matches a path of the same shape and hands back its decoded parameters', () => {
    expect(matchPath('/csms/secrets/:name', '/csms/secrets/db%2Fpassword')).toEqual({ name: 'db/password' });
    expect(matchPath('/kms/keys', '/kms/keys')).toEqual({});
  });

  it('a path of another shape, or with a malformed escape, matches nothing', () => {
    expect(matchPath('/kms/keys/:keyId', '/kms/keys')).toBeNull();
    expect(matchPath('/kms/keys/:keyId', '/csms/secrets/x')).toBeNull();
    expect(matchPath('/kms/keys/:keyId', '/kms/keys/%E0%A4%A')).toBeNull();
  });

  it('a parameter that is . or .. (as typed or escaped) matches nothing: it would name another API path', () => {
    for (const seg of ['.', '..', '%2E', '%2e%2E']) expect(matchPath('/csms/secrets/:name', `/csms/secrets/${seg}`)).toBeNull();
    expect(matchPath('/csms/secrets/:name', '/csms/secrets/...')).toEqual({ name: '...' });
  });

  it('pathTo encodes what it puts in, so matchPath gives the same value back', () => {
    const path = pathTo('/csms/secrets/:name', { name: 'a b/c?' });
    expect(matchPath('/csms/secrets/:name', path)).toEqual({ name: 'a b/c?' });
  });
});
