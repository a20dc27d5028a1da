import { signSdkHmacSha256 } from '@dew/aksk';
import { claimOf, sourceOf } from './caller-key.js';

const signedHeaders = (accessKey: string) =>
  signSdkHmacSha256({ method: 'GET', url: '/v1/p/secrets', headers: { host: 'dew' }, body: Buffer.alloc(0) }, { accessKey, secretKey: 'not-the-real-one' }, new Date()).headers;

describe('claimOf: the credential a request claims, unchecked', () => {
  it('an SDK-HMAC-SHA256 Authorization header: its access key', () => {
    expect(claimOf(signedHeaders('AKEXAMPLE123'))).toBe('ak:AKEXAMPLE123');
  });

  it('an X-Auth-Token: a digest of the token, not the token, and the token wins over an Authorization header', () => {
    const claim = claimOf({ 'x-auth-token': 'secret-token-value', ...signedHeaders('AKEXAMPLE123') });
    expect(claim).toMatch(/^token:[A-Za-z0-9_-]{43}$/);
    expect(claim).not.toContain('secret-token-value');
    expect(claimOf({ 'x-auth-token': 'secret-token-value' })).toBe(claim);
    expect(claimOf({ 'x-auth-token': 'another-token' })).not.toBe(claim);
  });

  it.each([
    ['no credential', {}],
    ['another scheme', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['a malformed SDK header', { authorization: 'SDK-HMAC-SHA256 Access=AK' }],
    ['an empty token and no Authorization', { 'x-auth-token': '' }],
  ])('%s: no claim (the request is counted under its source)', (_what, headers) => {
    expect(claimOf(headers)).toBeUndefined();
  });
});

describe('sourceOf: the source a request is counted under', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
  ])('%s → %s', (ip, source) => {
    expect(sourceOf(ip)).toBe(source);
  });

  it('two addresses of one IPv6 /64 are one source; the next /64 is another', () => {
    expect(sourceOf('2001:db8:1:2::1')).toBe(sourceOf('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(sourceOf('2001:db8:1:3::1')).not.toBe(sourceOf('2001:db8:1:2::1'));
  });
});
