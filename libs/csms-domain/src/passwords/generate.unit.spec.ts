import { randomBytes } from 'node:crypto';
import { LOWERCASE, NUMBERS, PUNCTUATION, UPPERCASE, generatePassword, passwordClasses, uniformInt, type PasswordPolicy } from './generate.js';

const has = (password: string, chars: string) => [...password].some((c) => chars.includes(c));
const gen = (policy: PasswordPolicy) => generatePassword(policy, randomBytes);

/** A byte source that replays `bytes` in order (then zeros): deterministic draws. */
const replay = (bytes: number[]) => {
  let i = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => bytes[i++] ?? 0);
};

describe('generate-password', () => {
  it('default policy: 32 characters, every class present, no space (200 draws)', () => {
    for (let i = 0; i < 200; i++) {
      const p = gen({});
      expect(p).toHaveLength(32);
      for (const cls of [LOWERCASE, UPPERCASE, NUMBERS, PUNCTUATION]) expect(has(p, cls)).toBe(true);
      expect(p).not.toContain(' ');
    }
  });

  it('every included class present even at the shortest length 8 with space included (500 draws)', () => {
    for (let i = 0; i < 500; i++) {
      const p = gen({ length: 8, includeSpace: true });
      for (const cls of [LOWERCASE, UPPERCASE, NUMBERS, PUNCTUATION, ' ']) expect(has(p, cls)).toBe(true);
    }
  });

  it('excluded classes and characters never appear', () => {
    for (let i = 0; i < 200; i++) {
      const p = gen({ length: 64, excludeUppercase: true, excludePunctuation: true, excludeCharacters: 'aeiou01' });
      expect(p).toMatch(/^[a-z2-9]{64}$/);
      expect(p).not.toMatch(/[aeiou01]/);
    }
  });

  it('a class emptied by exclude_characters is not required; only digits left gives only digits', () => {
    expect(passwordClasses({ excludeLowercase: true, excludeUppercase: true, excludePunctuation: true, excludeCharacters: '13579' })).toEqual(['02468']);
    expect(gen({ length: 16, excludeLowercase: true, excludeUppercase: true, excludePunctuation: true, excludeCharacters: '13579' })).toMatch(/^[02468]{16}$/);
  });

  it('length limits: 8 and 128 accepted; 7, 129 and 1.5 refused with CSMS.0002 naming limits and value', () => {
    expect(gen({ length: 8 })).toHaveLength(8);
    expect(gen({ length: 128 })).toHaveLength(128);
    for (const length of [7, 129, 1.5]) expect(() => gen({ length })).toThrow(`length must be an integer 8..128, got ${length}`);
  });

  it('everything excluded, or a policy name, is refused with CSMS.0002', () => {
    expect(() => gen({ excludeLowercase: true, excludeUppercase: true, excludeNumbers: true, excludePunctuation: true })).toThrow('exclude_characters must leave at least one character to choose from');
    expect(() => gen({ policyName: 'strict' })).toThrow('password_policy_name must be absent: DEW has no named password policies, got "strict"');
  });

  it('uniformInt rejects draws above the last whole multiple (no modulo bias)', () => {
    // max 3: 2^32 % 3 = 1, so 0xFFFFFFFF is rejected and the next draw (7) is used: 7 % 3 = 1.
    expect(uniformInt(3, replay([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 7]))).toBe(1);
    expect(uniformInt(3, replay([0xff, 0xff, 0xff, 0xfe]))).toBe(0xfffffffe % 3);
  });

  it('distribution sanity: each of 10 digits drawn 10% ± 2% over 20000 characters', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      for (const c of gen({ length: 100, excludeLowercase: true, excludeUppercase: true, excludePunctuation: true, requireEachIncludedType: false })) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe(NUMBERS);
    // 20000 draws, p = 0.1: sd ≈ 42, so ±400 is more than 9 sd (never flaky).
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(400);
  });
});
