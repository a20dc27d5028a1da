import {
  EMPTY_BODY_SHA256, canonicalHeaders, canonicalQuery, canonicalRequest, canonicalUri, formatSdkDate, parseSdkDate,
  payloadHash, percentEncode, stringToSign,
} from './canonical-request.js';

describe('percentEncode', () => {
  it('unreserved characters: kept; everything else: upper-case %XX of the UTF-8 bytes', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode(" !*'()+/=&é中😀")).toBe('%20%21%2A%27%28%29%2B%2F%3D%26%C3%A9%E4%B8%AD%F0%9F%98%80');
  });
});

describe('canonicalUri', () => {
  it.each([
    ['/v1.0/p/kms/create-key', '/v1.0/p/kms/create-key/'],
    ['/v1.0/p/kms/create-key/', '/v1.0/p/kms/create-key/'],
    ['/', '/'],
    ['', '/'],
    ['/a%20b/%e4%b8%ad', '/a%20b/%E4%B8%AD/'],
    ['/a b/中', '/a%20b/%E4%B8%AD/'],
    ['/a+b', '/a%2Bb/'],
    ['/%41%7e', '/A~/'],
    ['/x%FFy', '/x%FFy/'],
    ['/a%2Fb', '/a/b/'],
  ])('path %s: %s', (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });

  it('broken escape: null', () => {
    expect(canonicalUri('/a%zz')).toBeNull();
    expect(canonicalUri('/a%4')).toBeNull();
  });

  it('node-legacy form: characters url.parse escapes are encoded twice, others once', () => {
    expect(canonicalUri("/s/a%20b's%C3%BC", true)).toBe('/s/a%2520b%2527s%C3%BC/');
  });
});

describe('canonicalQuery', () => {
  it.each([
    ['', ''],
    ['&&', ''],
    ['limit=1', 'limit=1'],
    ['b=2&a=1', 'a=1&b=2'],
    ['z=b&z=a&z=b', 'z=a&z=b&z=b'],
    ['flag&a=1&empty=', 'a=1&empty=&flag='],
    ['q=a+b&r=a%2Bb&s=a%20b', 'q=a%20b&r=a%2Bb&s=a%20b'],
    ["m=*'()!~", 'm=%2A%27%28%29%21~'],
    ['k%3Dx=v%26w', 'k%3Dx=v%26w'],
    ['x=%c3%a9', 'x=%C3%A9'],
    ['b~=1&b%C3%A9=2&b=3', 'b=3&b~=1&b%C3%A9=2'],
  ])('query %s: %s', (query, expected) => {
    expect(canonicalQuery(query)).toBe(expected);
  });

  it('broken escape: null', () => {
    expect(canonicalQuery('a=%G1')).toBeNull();
  });
});

describe('canonicalHeaders', () => {
  it('lower-case names in the order given, values trimmed, repeated values joined', () => {
    const headers = { 'content-type': ' application/json ', host: 'dew:8443', 'x-multi': ['a', 'b'] };
    expect(canonicalHeaders(headers, ['Host', 'content-type', 'x-multi'])).toEqual({ ok: true, value: 'host:dew:8443\ncontent-type:application/json\nx-multi:a,b\n' });
  });

  it('signed header absent: names it', () => {
    expect(canonicalHeaders({ host: 'h' }, ['host', 'x-project-id'])).toEqual({ ok: false, absent: ['x-project-id'] });
  });
});

describe('payloadHash', () => {
  it('empty body without header: the empty SHA-256', () => {
    expect(payloadHash({}, new Uint8Array())).toBe(EMPTY_BODY_SHA256);
  });

  it('X-Sdk-Content-Sha256 present: its value, not the body hash', () => {
    expect(payloadHash({ 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, Buffer.from('{}'))).toBe('UNSIGNED-PAYLOAD');
  });
});

describe('canonicalRequest and stringToSign', () => {
  it('six lines with a blank line after the headers, then the three-line string to sign', () => {
    const canonical = canonicalRequest({ method: 'GET', uri: '/path/', query: 'limit=1', headers: 'x-sdk-date:20060102T150405Z\n', signedHeaders: 'x-sdk-date', payloadHash: EMPTY_BODY_SHA256 });
    expect(canonical).toBe(`GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\n${EMPTY_BODY_SHA256}`);
    expect(stringToSign('20060102T150405Z', canonical)).toMatch(/^SDK-HMAC-SHA256\n20060102T150405Z\n[0-9a-f]{64}$/);
  });
});

describe('X-Sdk-Date format', () => {
  it('formats and parses UTC YYYYMMDDTHHMMSSZ, dropping milliseconds', () => {
    expect(formatSdkDate(new Date('2006-01-02T15:04:05.999Z'))).toBe('20060102T150405Z');
    expect(parseSdkDate('20060102T150405Z')).toEqual(new Date('2006-01-02T15:04:05Z'));
  });

  it.each(['20060230T150405Z', '20060102T250405Z', '20060102t150405z', '20060102T150405+0000', ' 20060102T150405Z', '00500102T150405Z'])('%s: null', (s) => {
    expect(parseSdkDate(s)).toBeNull();
  });
});
