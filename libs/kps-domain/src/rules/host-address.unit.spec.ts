import { isHostName, isIpLiteral, isIpv4, isIpv6 } from './host-address.js';

describe('server addresses', () => {
  it.each(['0.0.0.0', '10.0.0.1', '255.255.255.255', '192.168.1.10'])('IPv4 %s: accepted', (text) => {
    expect(isIpv4(text)).toBe(true);
  });

  it.each(['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.-4', '1..3.4', ''])('IPv4 %s: refused', (text) => {
    expect(isIpv4(text)).toBe(false);
  });

  it.each(['::', '::1', '2001:db8::10', 'fe80::1:2:3:4', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::', '::ffff:192.0.2.1', '64:ff9b::192.0.2.33', 'ABCD::ef'])(
    'IPv6 %s: accepted',
    (text) => {
      expect(isIpv6(text)).toBe(true);
    },
  );

  it.each(['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':1:2:3:4:5:6:7', '12345::1', 'g::1', '1:2:3:4:5:6:7:8::', '::1.2.3.4:5', '[::1]', 'fe80::1%eth0'])(
    'IPv6 %s: refused',
    (text) => {
      expect(isIpv6(text)).toBe(false);
    },
  );

  it.each(['localhost', 'web-1', 'web-1.example.com', 'a.b.c.d.e', 'x1.example.io', `${'a'.repeat(63)}.example`])('host name %s: accepted', (text) => {
    expect(isHostName(text)).toBe(true);
  });

  it.each([
    '',
    '-web.example',
    'web-.example',
    'web_1.example',
    'example.com.',
    'a..b',
    '10.0.0.256',
    '1.2.3.4',
    `${'a'.repeat(64)}.example`,
    `${'abcdefghi.'.repeat(25)}abcd`,
  ])('host name %j: refused', (text) => {
    expect(isHostName(text)).toBe(false);
  });

  it('253 characters: a host name; 254: not', () => {
    const label = 'a'.repeat(62);
    const name253 = [label, label, label, label].join('.') + '.b';
    expect(name253).toHaveLength(253);
    expect(isHostName(name253)).toBe(true);
    expect(isHostName(`${name253}c`)).toBe(false);
  });

  it('isIpLiteral: either family, never a host name', () => {
    expect(isIpLiteral('10.0.0.1')).toBe(true);
    expect(isIpLiteral('::1')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
  });
});
