import { UnwrappedSecrets } from './unwrapped-secrets.js';

const sk = (text: string) => Buffer.from(text, 'utf8');
const zeroed = (b: Buffer) => b.every((byte) => byte === 0);

describe('UnwrappedSecrets', () => {
  it('an SK kept for its wrapped form: answered until its lifetime ends, then dropped and zeroed', () => {
    const secrets = new UnwrappedSecrets({ maxEntries: 4, lifetimeMs: 1000 });
    const secret = secrets.put('acct-a', 'AK1', 'wrapped-1', sk('sk-one'), 0);
    expect(secrets.get('AK1', 'wrapped-1', 999)?.toString()).toBe('sk-one');
    expect(secrets.get('AK1', 'wrapped-1', 1000)).toBeUndefined();
    expect(zeroed(secret)).toBe(true);
  });

  it('an entry past its own expiry behind a younger one (the clock stepped back): a miss', () => {
    const secrets = new UnwrappedSecrets({ maxEntries: 4, lifetimeMs: 1000 });
    secrets.put('acct-a', 'AK1', 'wrapped-1', sk('sk-one'), 5000);
    secrets.put('acct-a', 'AK2', 'wrapped-2', sk('sk-two'), 0);
    expect(secrets.get('AK2', 'wrapped-2', 1500)).toBeUndefined();
    expect(secrets.get('AK1', 'wrapped-1', 1500)?.toString()).toBe('sk-one');
  });

  it('another wrapped form (SK rotated, root key rewrapped): a miss, and the old SK is zeroed', () => {
    const secrets = new UnwrappedSecrets({ maxEntries: 4, lifetimeMs: 1000 });
    const secret = secrets.put('acct-a', 'AK1', 'wrapped-1', sk('sk-one'), 0);
    expect(secrets.get('AK1', 'wrapped-2', 1)).toBeUndefined();
    expect(zeroed(secret)).toBe(true);
    expect(secrets.size).toBe(0);
  });

  it('an event of the account: every SK of that account dropped and zeroed, other accounts kept', () => {
    const secrets = new UnwrappedSecrets({ maxEntries: 4, lifetimeMs: 1000 });
    const a1 = secrets.put('acct-a', 'AK1', 'w1', sk('sk-a1'), 0);
    const a2 = secrets.put('acct-a', 'AK2', 'w2', sk('sk-a2'), 0);
    secrets.put('acct-b', 'BK1', 'w3', sk('sk-b1'), 0);
    secrets.forgetAccount('acct-a');
    expect([zeroed(a1), zeroed(a2), secrets.get('AK1', 'w1', 1), secrets.get('BK1', 'w3', 1)?.toString()]).toEqual([true, true, undefined, 'sk-b1']);
  });

  it('full: the oldest SK makes room and is zeroed', () => {
    const secrets = new UnwrappedSecrets({ maxEntries: 2, lifetimeMs: 1000 });
    const oldest = secrets.put('acct-a', 'AK1', 'w1', sk('sk-1'), 0);
    secrets.put('acct-a', 'AK2', 'w2', sk('sk-2'), 1);
    secrets.put('acct-a', 'AK3', 'w3', sk('sk-3'), 2);
    expect([secrets.size, zeroed(oldest), secrets.get('AK1', 'w1', 3), secrets.get('AK3', 'w3', 3)?.toString()]).toEqual([2, true, undefined, 'sk-3']);
  });

  it('cleared (IAM stopping): every SK zeroed', () => {
    const secrets = new UnwrappedSecrets({ maxEntries: 2, lifetimeMs: 1000 });
    const one = secrets.put('acct-a', 'AK1', 'w1', sk('sk-1'), 0);
    secrets.clear();
    expect([secrets.size, zeroed(one)]).toEqual([0, true]);
  });
});
