import { isGlobalUnicast } from './global-unicast.js';

// One address inside each IANA special-purpose range (and each range outside IPv6 2000::/3).
const SPECIAL: Array<[range: string, inside: string]> = [
  ['0.0.0.0/8', '0.1.2.3'], ['10.0.0.0/8', '10.255.0.1'], ['100.64.0.0/10', '100.127.255.254'], ['127.0.0.0/8', '127.3.2.1'],
  ['169.254.0.0/16', '169.254.169.254'], ['172.16.0.0/12', '172.31.255.1'], ['192.0.0.0/24', '192.0.0.170'], ['192.0.2.0/24', '192.0.2.10'],
  ['192.88.99.0/24', '192.88.99.1'], ['192.168.0.0/16', '192.168.100.1'], ['198.18.0.0/15', '198.19.255.1'], ['198.51.100.0/24', '198.51.100.7'],
  ['203.0.113.0/24', '203.0.113.9'], ['224.0.0.0/4', '239.255.255.250'], ['240.0.0.0/4', '255.255.255.255'],
  ['::/128', '::'], ['::1/128', '::1'], ['::ffff:0:0/96', '::ffff:10.0.0.1'], ['::ffff:0:0/96 (public v4)', '::ffff:8.8.8.8'], ['::/96', '::7f00:1'],
  ['64:ff9b::/96', '64:ff9b::a9fe:a9fe'], ['64:ff9b:1::/48', '64:ff9b:1::1'], ['100::/64', '100::1'], ['2001::/23 (Teredo)', '2001:0:4136:e378::1'],
  ['2001:2::/48', '2001:2::5'], ['2001:db8::/32', '2001:db8::1'], ['2002::/16', '2002:7f00:1::1'], ['3fff::/20', '3fff:fff::1'],
  ['fc00::/7', 'fd12:3456::1'], ['fe80::/10', 'fe80::1'], ['fec0::/10', 'fec0::1'], ['ff00::/8', 'ff02::1'],
];

describe('isGlobalUnicast (webhook address policy)', () => {
  it.each(SPECIAL)('an address in %s (%s) is not global unicast', (_range, inside) => {
    expect(isGlobalUnicast(inside)).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.216.34', '100.128.0.1', '172.32.0.1', '192.0.1.1', '198.20.0.1', '223.255.255.254', '2606:4700:4700::1111', '2a00:1450:4001::1', '2001:4860:4860::8888'])(
    'a public address %s next to or outside the special ranges is global unicast',
    (address) => {
      expect(isGlobalUnicast(address)).toBe(true);
    },
  );

  it.each(['', 'localhost', '1.2.3', '[::1]'])('a non-address %j is not global unicast', (text) => {
    expect(isGlobalUnicast(text)).toBe(false);
  });
});
