import { DewError } from '@dew/contracts';
import { actionMatches } from '@dew/iam-domain';
import { keyPolicyVerdict } from '@dew/kms-domain';
import { KEY_POLICY_MAX_CHARS, parseKeyPolicy } from './policy-text.js';

const DOMAIN = 'c'.repeat(32);
const allow = (over: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action: ['kms:cmk:encryptData'], Principal: { IAM: [`domain:${DOMAIN}`] }, ...over });
const text = (statements: unknown[]) => JSON.stringify({ Version: '1.1', Statement: statements });

function refusal(policy: string): { code: string; message: string } {
  try {
    parseKeyPolicy(policy);
  } catch (err) {
    if (err instanceof DewError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseKeyPolicy', () => {
  it('a well-formed policy: the checked document with its principals', () => {
    expect(parseKeyPolicy(text([allow()]))).toEqual({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:encryptData'], Principal: { IAM: [`domain:${DOMAIN}`] } }] });
  });

  it('text that is not JSON: KMS.2801', () => {
    expect(refusal('{"Version":')).toEqual({ code: 'KMS.2801', message: 'policy: must be a JSON object as text (it does not parse as JSON)' });
  });

  it('over 32768 characters: KMS.2801 naming the limit and the length', () => {
    const long = text([allow({ Action: Array.from({ length: 90 }, (_, i) => `kms:cmk:${'x'.repeat(400)}${i}`) })]);
    expect(long.length).toBeGreaterThan(KEY_POLICY_MAX_CHARS);
    expect(refusal(long)).toEqual({ code: 'KMS.2801', message: `policy: must be at most ${KEY_POLICY_MAX_CHARS} characters, got ${long.length}` });
  });

  it('a statement without Principal: KMS.2801 naming the statement', () => {
    const { Principal: _none, ...noPrincipal } = allow();
    expect(refusal(text([noPrincipal]))).toMatchObject({ code: 'KMS.2801', message: expect.stringContaining('Statement[0].Principal must be {"IAM"') });
  });

  it('a malformed principal: KMS.2801 naming the place and the value', () => {
    expect(refusal(text([allow({ Principal: { IAM: ['user:0123456789abcdef0123456789abcdef', 'account:42'] } })]))).toEqual({
      code: 'KMS.2801',
      message: 'policy: Statement[0].Principal.IAM[1] must be "domain:<32 hex domain id>" or "user:<32 hex user id>" in lower case, got "account:42"',
    });
  });

  it('a user principal in upper case or of another id alphabet is refused (it could never match, so a Deny would be inert)', () => {
    for (const id of ['0123456789ABCDEF0123456789ABCDEF', 'u-1', '0123456789abcdef0123456789abcde']) {
      expect(refusal(text([allow({ Principal: { IAM: [`user:${id}`] } })])).message).toBe(
        `policy: Statement[0].Principal.IAM[0] must be "domain:<32 hex domain id>" or "user:<32 hex user id>" in lower case, got "user:${id}"`,
      );
    }
  });

  it('a Resource: KMS.2801, the policy is its key\'s own', () => {
    expect(refusal(text([allow({ Resource: ['KMS:*:*:KeyId:*'] })])).message).toBe('policy: Statement[0].Resource is not allowed: a key policy applies to its own key');
  });

  it('IAM\'s grammar applies to Effect, Action and Condition, its message kept under KMS.2801', () => {
    expect(refusal(text([allow({ Effect: 'Maybe' })]))).toEqual({ code: 'KMS.2801', message: 'policy: Statement[0].Effect must be "Allow" or "Deny" (got "Maybe")' });
    expect(refusal(text([allow({ Action: ['kms'] })])).message).toContain('Statement[0].Action[0] "kms" must be service:resource:action');
    expect(refusal(text([allow({ Condition: {} })])).message).toBe('policy: Statement[0].Condition is not supported by DEW');
    expect(refusal(JSON.stringify({ Version: '2', Statement: [allow()] })).message).toBe('policy: Version must be "1.1" (got "2")');
  });

  it('actions match as in IAM: a coarse 1.1 name and a glob cover the fine action', () => {
    const who = { userId: 'u', domainId: DOMAIN };
    const coarse = parseKeyPolicy(text([allow({ Action: ['kms:cmk:crypto'] })]));
    const glob = parseKeyPolicy(text([allow({ Action: ['kms:cmk:*'] })]));
    expect(keyPolicyVerdict(coarse, who, 'kms:cmk:decryptData', actionMatches)).toBe('Allow');
    expect(keyPolicyVerdict(glob, who, 'kms:cmk:disable', actionMatches)).toBe('Allow');
    expect(keyPolicyVerdict(coarse, who, 'kms:cmk:disable', actionMatches)).toBe('None');
  });
});
