import { DewError } from '../errors.js';
import * as iam from './iam.js';

describe('IAM named refusals', () => {
  it('every refusal: a DewError of the IAM family', () => {
    for (const [name, make] of Object.entries(iam)) {
      const refusal = (make as (...args: unknown[]) => DewError)('x', 1, 'y', 2);
      expect({ name, isDewError: refusal instanceof DewError, family: refusal.code.split('.')[0] }).toEqual({ name, isDewError: true, family: 'IAM' });
    }
  });

  it('codes and statuses: not found 404, taken 409, quota 400, wrong password 401, forbidden 403, login limit 429', () => {
    expect(iam.UserNotFound('u')).toMatchObject({ code: 'IAM.0002', status: 404, message: 'user u does not exist' });
    expect(iam.NameTaken('group name', '"ops"', 'd')).toMatchObject({ code: 'IAM.0003', status: 409, message: 'group name "ops" already exists in domain d' });
    expect(iam.AccessKeyQuotaReached('u', 2, 2)).toMatchObject({ code: 'IAM.0004', status: 400, message: 'user u already has 2 access keys (limit 2)' });
    expect(iam.WrongUserNameOrPassword()).toMatchObject({ code: 'IAM.0005', status: 401 });
    expect(iam.AdministratorOnly('delete', 'a', '"b"')).toMatchObject({ code: 'IAM.0006', status: 403, message: 'only an administrator may delete administrator a (caller "b")' });
    expect(iam.TooManyFailedLogins(3)).toMatchObject({ code: 'IAM.0007', status: 429, message: 'too many failed logins; retry in 3 s' });
  });

  it('messages name the limit and the value: field rules', () => {
    expect(iam.IamNameLength('user name', 64, 65).message).toBe('user name must be 1–64 characters (got 65)');
    expect(iam.IamFieldTooLong('group description', 255, 256, 'bytes').message).toBe('group description must be at most 255 bytes (got 256)');
    expect(iam.PerPageInvalid(50, '"0"').message).toBe('per_page must be 1..50, got "0"');
  });

  it('optional detail: domain and token refusals with and without it', () => {
    expect(iam.DomainNotFound().message).toBe('domain does not exist');
    expect(iam.DomainNotFound('d').message).toBe('domain d does not exist');
    expect(iam.TokenInvalid().message).toBe('the token is not valid');
    expect(iam.TokenInvalid('why').message).toBe('the token is not valid: why');
  });
});
