import { parseAuthorization } from './authorization.js';
import { canonicalUri, encodeBytes, formatSdkDate, hasNodeLegacyDifference, parseSdkDate, percentDecode } from './canonical-request.js';

// The gateway parses every signed request with the hand-written forms; each is checked here against
// the plain definition it replaced, over inputs chosen to reach every branch.

/** Definition: the ISO 8601 form without separators and milliseconds. */
const isoSdkDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** Definition: the fields by pattern, valid when the instant they name prints back as the same text. */
function parseSdkDateByRoundTrip(s: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return isoSdkDate(date) === s ? date : null;
}

/** Definition: decode, split on '/', encode each segment, end with '/'. */
function canonicalUriByBytes(rawPath: string): string | null {
  const decoded = percentDecode(rawPath, false);
  if (decoded === null) return null;
  const uri = decoded.toString('latin1').split('/').map((seg) => encodeBytes(Buffer.from(seg, 'latin1'))).join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function* pseudoRandom(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}

describe('X-Sdk-Date parse and format: same answers as the round-trip definition', () => {
  const fields = {
    year: ['0000', '0050', '0099', '0100', '1899', '1900', '1970', '2000', '2006', '2024', '2100', '9999'],
    month: ['00', '01', '02', '09', '10', '12', '13', '99'],
    day: ['00', '01', '28', '29', '30', '31', '32'],
    hour: ['00', '12', '23', '24'],
    minute: ['00', '59', '60'],
    second: ['00', '59', '60'],
  };
  const dates: string[] = [];
  for (const y of fields.year) for (const mo of fields.month) for (const d of fields.day) for (const h of fields.hour) for (const mi of fields.minute) for (const se of fields.second) dates.push(`${y}${mo}${d}T${h}${mi}${se}Z`);
  const oddities = ['', '20060102T150405', '20060102T150405ZZ', '20060102t150405Z', '20060102T150405z', ' 20060102T150405Z', '2006010 T150405Z', '2006-102T150405Z', '20060102T15040５Z', '２0060102T150405Z', '20060102X150405Z', '+0060102T150405Z'];

  it(`every calendar edge (${dates.length} texts) and every malformed shape: the same Date or null`, () => {
    for (const s of [...dates, ...oddities]) expect([s, parseSdkDate(s)]).toEqual([s, parseSdkDateByRoundTrip(s)]);
  });

  it('formatting instants across four-digit years, and beyond them: the ISO 8601 form without separators', () => {
    const random = pseudoRandom(7);
    const instants = [0, -1, 253402300799999, 253402300800000, -62167219200000, -62167219200001, Date.UTC(2024, 1, 29, 23, 59, 59, 999)];
    for (let i = 0; i < 2000; i++) instants.push(Math.floor((random.next().value as number) * 253402300800000));
    for (const t of instants) expect(formatSdkDate(new Date(t))).toBe(isoSdkDate(new Date(t)));
  });
});

describe('canonicalUri of plain paths: the same as decoding and encoding every segment', () => {
  it.each(['', '/', '//', '/v1.0/0a1b/kms/encrypt-data', '/v1/p/secrets/name-with_dots.~', 'relative/path', '/trailing/', '/a+b', '/a%41', '/a b', "/s/a'b", '/中', '/x%zz'])(
    'path %j: the canonical URI of the definition, and the node-legacy difference only where it can arise',
    (path) => {
      expect(canonicalUri(path)).toBe(canonicalUriByBytes(path));
      const decoded = percentDecode(path, false);
      expect(hasNodeLegacyDifference(path)).toBe(decoded !== null && decoded.some((b) => [0x09, 0x0a, 0x0d, 0x20, 0x22, 0x27, 0x3c, 0x3e, 0x5c, 0x5e, 0x60, 0x7b, 0x7c, 0x7d].includes(b)));
    },
  );
});

describe('parseAuthorization scheme split: the same result as the pattern it replaced', () => {
  /** Definition: optional leading space, the scheme, a whitespace run, the rest without trailing space. */
  const byPattern = (header: string): [string, string] | null => {
    const m = /^\s*(\S+)\s+(.*?)\s*$/s.exec(header);
    return m ? [m[1] ?? '', m[2] ?? ''] : null;
  };
  const valid = 'Access=AK1, SignedHeaders=host;x-sdk-date, Signature=' + 'ab'.repeat(32);
  const headers = [
    `SDK-HMAC-SHA256 ${valid}`,
    `  SDK-HMAC-SHA256 \t ${valid}  \n`,
    `SDK-HMAC-SHA256\n${valid}`,
    `SDK-HMAC-SHA256\u00a0${valid}`,
    `\ufeffSDK-HMAC-SHA256 ${valid}\u2028`,
    'SDK-HMAC-SHA256',
    'SDK-HMAC-SHA256   ',
    '',
    '   ',
    `Bearer ${valid}`,
    `sdk-hmac-sha256 ${valid}`,
    `SDK-HMAC-SHA256 Access=AK1,SignedHeaders=host, Signature=${'ab'.repeat(32)}, Extra=1`,
    `SDK-HMAC-SHA256 Access=AK1, Access=AK2, SignedHeaders=host, Signature=${'ab'.repeat(32)}`,
    `SDK-HMAC-SHA256 Access=AK1, SignedHeaders=Host;;x, Signature=${'AB'.repeat(32)}`,
    `${'x'.repeat(40)} ${valid}`,
  ];

  it.each(headers)('header %j: the same refusal message or the same parsed fields', (header) => {
    const split = byPattern(header);
    const result = parseAuthorization(header);
    if (split === null) {
      expect(result).toEqual({ ok: false, message: expect.stringMatching(/^Authorization must be "SDK-HMAC-SHA256 /) });
      return;
    }
    const [scheme, rest] = split;
    if (scheme !== 'SDK-HMAC-SHA256') {
      expect(result).toEqual({ ok: false, message: expect.stringContaining('is not supported') });
      return;
    }
    // Same scheme and rest as the pattern: the parameters parse as from `SDK-HMAC-SHA256 <rest>`.
    expect(result).toEqual(parseAuthorization(`SDK-HMAC-SHA256 ${rest}`));
  });
});

describe('parseAuthorization parameters: the same result as the Map-based parse it replaced', () => {
  /** Definition: the former parse of the parameters after the scheme. */
  const byMap = (rest: string) => {
    const params = new Map<string, string>();
    for (const part of rest.split(',')) {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (eq < 0 || !['Access', 'SignedHeaders', 'Signature'].includes(name)) return { ok: false, message: 'Authorization parameters must be exactly Access, SignedHeaders and Signature' };
      if (params.has(name)) return { ok: false, message: `Authorization names ${name} twice` };
      params.set(name, part.slice(eq + 1).trim());
    }
    const accessKey = params.get('Access');
    const signedHeadersText = params.get('SignedHeaders');
    const signature = params.get('Signature')?.toLowerCase();
    if (accessKey === undefined || signedHeadersText === undefined || signature === undefined) return { ok: false, message: 'Authorization must carry Access, SignedHeaders and Signature' };
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(accessKey)) return { ok: false, message: 'Authorization Access is not a well-formed access key' };
    if (!/^[0-9a-f]{64}$/.test(signature)) return { ok: false, message: 'Authorization Signature must be 64 hex characters' };
    const signedHeaders = signedHeadersText.split(';').map((h) => h.trim().toLowerCase());
    if (!signedHeaders.every((h) => /^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(h))) return { ok: false, message: 'Authorization SignedHeaders must be header names separated by ";"' };
    return { ok: true, value: { accessKey, signedHeaders, signature } };
  };
  const sig = 'ab'.repeat(32);
  const rests = [
    `Access=AK1, SignedHeaders=host;x-sdk-date, Signature=${sig}`,
    `Signature=${sig.toUpperCase()},SignedHeaders= Host ; X-Sdk-Date ,Access=AK_1-x`,
    `Access=, Access=, SignedHeaders=host, Signature=${sig}`,
    `Access=AK1, SignedHeaders=host, SignedHeaders=x, Signature=${sig}`,
    `Access=AK1, SignedHeaders=host`,
    `Access=AK1, SignedHeaders=host, Signature=${sig}, `,
    `Access=AK1, SignedHeaders=host;;x, Signature=${sig}`,
    `Access=AK1, SignedHeaders=host;x y, Signature=${sig}`,
    `Access=AK 1, SignedHeaders=host, Signature=${sig}`,
    `Access=AK1, SignedHeaders=host, Signature=${sig}0`,
    `__proto__=x, Access=AK1, SignedHeaders=host, Signature=${sig}`,
    `Access=AK1=2, SignedHeaders=host, Signature=${sig}`,
    `Access, SignedHeaders=host, Signature=${sig}`,
  ];
  it.each(rests)('parameters %j: the same refusal message or the same parsed fields', (rest) => {
    expect(parseAuthorization(`SDK-HMAC-SHA256 ${rest}`)).toEqual(byMap(rest));
  });
});
