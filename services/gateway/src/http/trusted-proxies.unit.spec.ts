import { trustedProxies } from './trusted-proxies.js';

describe('DEW_TRUSTED_PROXIES', () => {
  it('unset or blank: no proxy trusted', () => {
    expect(trustedProxies(undefined)).toBe(false);
    expect(trustedProxies(' , ')).toBe(false);
  });

  it('IPs and CIDRs: the list, trimmed', () => {
    expect(trustedProxies('10.0.0.0/8, 192.168.1.7 ,::1,fd00::/8')).toEqual(['10.0.0.0/8', '192.168.1.7', '::1', 'fd00::/8']);
  });

  it.each(['proxy.local', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '*', '10.0.0.0/'])('%s: refused at start, naming the entry', (entry) => {
    expect(() => trustedProxies(entry)).toThrow(new RegExp(`"${entry.replace(/[.*/]/g, '\\$&')}"`));
  });
});
