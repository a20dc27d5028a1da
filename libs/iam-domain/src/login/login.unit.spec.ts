import { checkLoginFields, LOGIN_PASSWORD_MAX_LENGTH } from './login.js';
import { refusal } from '../account.fixtures.spec.js';

const DOMAIN_ID = '0123456789abcdef0123456789abcdef';

describe('checkLoginFields', () => {
  it('an 880 KB user name: IAM.0001 naming the 1–64 limit and the length, without echoing the name', () => {
    const err = refusal(() => checkLoginFields('u'.repeat(880 * 1024), { name: 'dew' }, 'Passw0rd!'));
    expect(err).toMatchObject({ code: 'IAM.0001', status: 400 });
    expect(err.message).toContain('1–64 characters (got 901120)');
    expect(err.message.length).toBeLessThan(200);
  });

  it('a user name with a character no user name may hold: IAM.0001 naming the character', () => {
    expect(refusal(() => checkLoginFields('eve/../admin', { name: 'dew' }, 'Passw0rd!')).message).toContain('"/"');
  });

  it('a 100 000-character domain name or a non-hex domain id: IAM.0001 naming the field', () => {
    expect(refusal(() => checkLoginFields('alice', { name: 'd'.repeat(100_000) }, 'Passw0rd!')).message).toContain('domain name must be 1–64');
    expect(refusal(() => checkLoginFields('alice', { id: 'x'.repeat(5000) }, 'Passw0rd!')).message).toContain('domain id must be 32 lower-case hex');
  });

  it('no domain at all, or a password over the limit: IAM.0001 naming the limit, never the password', () => {
    expect(refusal(() => checkLoginFields('alice', {}, 'Passw0rd!')).code).toBe('IAM.0001');
    const long = 'P'.repeat(LOGIN_PASSWORD_MAX_LENGTH + 1);
    const err = refusal(() => checkLoginFields('alice', { id: DOMAIN_ID }, long));
    expect(err.message).toContain(`1–${LOGIN_PASSWORD_MAX_LENGTH} characters (got ${LOGIN_PASSWORD_MAX_LENGTH + 1})`);
    expect(err.message).not.toContain(long);
  });

  it('a well-formed login (domain by id, by name, or both): accepted', () => {
    expect(() => checkLoginFields('Ops team.lead_1-x', { id: DOMAIN_ID, name: 'dew' }, 'Passw0rd!')).not.toThrow();
  });
});
