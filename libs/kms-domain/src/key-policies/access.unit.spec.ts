import { decideKeyAccess, keyPolicyVerdict, type IamVerdict, type KeyPolicyDocument, type PolicyPrincipal } from '../index.js';

/** The combined decision (docs/authorization.md, "Key policies"), row by row. */

const ACTION = 'kms:cmk:encryptData';
const HOME = 'a'.repeat(32);
const FOREIGN = 'b'.repeat(32);
const exact = (pattern: string, action: string) => pattern === action;

const callerOf = (domain: 'same' | 'other'): PolicyPrincipal => ({ userId: `user-${domain}`, domainId: domain === 'same' ? HOME : FOREIGN });
type PolicyCase = 'none' | 'allow-caller' | 'deny-caller' | 'allow-other';
const POLICY_CASES: readonly PolicyCase[] = ['none', 'allow-caller', 'deny-caller', 'allow-other'];

function policyFor(kind: PolicyCase, caller: PolicyPrincipal): KeyPolicyDocument | undefined {
  if (kind === 'none') return undefined;
  const principal = kind === 'allow-other' ? 'user:someone-else' : `user:${caller.userId}`;
  return { Version: '1.1', Statement: [{ Effect: kind === 'deny-caller' ? 'Deny' : 'Allow', Action: [ACTION], Principal: { IAM: [principal] } }] };
}

/**
 * Expected answers for [no policy, policy allows caller, policy denies caller, policy allows someone else]:
 * A = allowed, D = refused. Deny anywhere wins; a caller of another domain needs the key policy or a grant.
 */
const TABLE: readonly (readonly [IamVerdict, 'none' | 'covers', 'same' | 'other', string])[] = [
  ['Allow', 'none', 'same', 'AADA'],
  ['Allow', 'covers', 'same', 'AADA'],
  ['Allow', 'none', 'other', 'DADD'],
  ['Allow', 'covers', 'other', 'AADA'],
  ['NoAllow', 'none', 'same', 'DADD'],
  ['NoAllow', 'covers', 'same', 'AADA'],
  ['NoAllow', 'none', 'other', 'DADD'],
  ['NoAllow', 'covers', 'other', 'AADA'],
  ['ExplicitDeny', 'none', 'same', 'DDDD'],
  ['ExplicitDeny', 'covers', 'same', 'DDDD'],
  ['ExplicitDeny', 'none', 'other', 'DDDD'],
  ['ExplicitDeny', 'covers', 'other', 'DDDD'],
];

const ROWS = TABLE.flatMap(([iam, grant, domain, answers]) =>
  POLICY_CASES.map((policy, i) => ({ iam, grant, domain, policy, expected: answers[i] === 'A' ? 'allowed' : 'refused' })),
);

describe('decideKeyAccess decision table (IAM × grant × key policy × caller domain)', () => {
  it('covers all 48 combinations', () => {
    expect(ROWS).toHaveLength(48);
  });

  it.each(ROWS)('IAM $iam, grant $grant, key policy $policy, caller of the $domain domain: $expected', ({ iam, grant, domain, policy, expected }) => {
    const caller = callerOf(domain);
    const answer = decideKeyAccess({
      iam,
      ownProject: domain === 'same',
      grantCovers: grant === 'covers',
      keyPolicy: keyPolicyVerdict(policyFor(policy, caller), caller, ACTION, exact),
    });
    expect(answer.allowed ? 'allowed' : 'refused').toBe(expected);
  });

  it('a key-policy Deny is named as the reason, before an IAM Deny', () => {
    expect(decideKeyAccess({ iam: 'ExplicitDeny', ownProject: true, grantCovers: true, keyPolicy: 'Deny' })).toEqual({ allowed: false, why: 'key-policy-deny' });
  });

  it('an allowed call names what allowed it: IAM first, then the key policy, then a grant', () => {
    expect(decideKeyAccess({ iam: 'Allow', ownProject: true, grantCovers: true, keyPolicy: 'Allow' })).toEqual({ allowed: true, by: 'iam' });
    expect(decideKeyAccess({ iam: 'NoAllow', ownProject: true, grantCovers: true, keyPolicy: 'Allow' })).toEqual({ allowed: true, by: 'key-policy' });
    expect(decideKeyAccess({ iam: 'NoAllow', ownProject: false, grantCovers: true, keyPolicy: 'None' })).toEqual({ allowed: true, by: 'grant' });
  });
});

describe('keyPolicyVerdict', () => {
  const me: PolicyPrincipal = { userId: 'u1', domainId: HOME };
  const statement = (Effect: 'Allow' | 'Deny', IAM: string[], Action = [ACTION]) => ({ Effect, Action, Principal: { IAM } });

  it('a domain principal names every user of that domain', () => {
    const policy: KeyPolicyDocument = { Version: '1.1', Statement: [statement('Allow', [`domain:${HOME}`])] };
    expect(keyPolicyVerdict(policy, me, ACTION, exact)).toBe('Allow');
    expect(keyPolicyVerdict(policy, { userId: 'u1', domainId: FOREIGN }, ACTION, exact)).toBe('None');
  });

  it('a Deny beats an Allow for the same caller, whatever their order', () => {
    const policy: KeyPolicyDocument = { Version: '1.1', Statement: [statement('Allow', ['user:u1']), statement('Deny', [`domain:${HOME}`])] };
    expect(keyPolicyVerdict(policy, me, ACTION, exact)).toBe('Deny');
  });

  it('a statement about another action says nothing', () => {
    const policy: KeyPolicyDocument = { Version: '1.1', Statement: [statement('Deny', ['user:u1'], ['kms:cmk:decryptData'])] };
    expect(keyPolicyVerdict(policy, me, ACTION, exact)).toBe('None');
  });
});
