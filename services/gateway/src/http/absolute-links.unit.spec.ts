import { baseUrlOf, withAbsoluteUrls } from './absolute-links.js';

const BASE = 'http://127.0.0.1:8080';

describe('withAbsoluteUrls', () => {
  it('a list answer: the list links and each item\'s links become absolute, null links stay null', () => {
    const body = { users: [{ id: 'u1', links: { self: '/v3/users/u1', previous: null, next: null } }], links: { self: '/v3/users', previous: null, next: null } };
    expect(withAbsoluteUrls(body, BASE)).toEqual({
      users: [{ id: 'u1', links: { self: `${BASE}/v3/users/u1`, previous: null, next: null } }],
      links: { self: `${BASE}/v3/users`, previous: null, next: null },
    });
  });

  it('a token: catalog endpoint URLs become absolute, other strings (names, ids) are left alone', () => {
    const token = { token: { catalog: [{ id: 'c', name: '/kms', endpoints: [{ id: 'e', url: '/v1.0', region: 'r' }] }], user: { name: '/not-a-link' } } };
    expect(withAbsoluteUrls(token, BASE)).toEqual({ token: { catalog: [{ id: 'c', name: '/kms', endpoints: [{ id: 'e', url: `${BASE}/v1.0`, region: 'r' }] }], user: { name: '/not-a-link' } } });
  });

  it('a policy document holding a "links" object is returned byte for byte', () => {
    const role = { role: { policy: { Version: '1.1', links: { self: '/x' } }, links: { self: '/v3.0/OS-ROLE/roles/p' } } };
    expect(withAbsoluteUrls(role, BASE)).toEqual({ role: { policy: { Version: '1.1', links: { self: '/x' } }, links: { self: `${BASE}/v3.0/OS-ROLE/roles/p` } } });
  });

  it('an already absolute link is kept', () => {
    expect(withAbsoluteUrls({ links: { self: 'https://iam.example/v3/users' } }, BASE)).toEqual({ links: { self: 'https://iam.example/v3/users' } });
  });
});

describe('baseUrlOf', () => {
  it('host with port, IPv6 literal: the base URL; a host with a path, space or user info, or another scheme: null', () => {
    expect(baseUrlOf('http', '127.0.0.1:8080')).toBe(BASE);
    expect(baseUrlOf('https', '[::1]:443')).toBe('https://[::1]:443');
    expect(baseUrlOf('http', 'evil.example/path')).toBeNull();
    expect(baseUrlOf('http', 'a b')).toBeNull();
    expect(baseUrlOf('http', 'user@host')).toBeNull();
    expect(baseUrlOf('ftp', 'host')).toBeNull();
    expect(baseUrlOf('http', undefined)).toBeNull();
  });
});
