import 'reflect-metadata';
import { IsDefined, IsString, MaxLength } from 'class-validator';
import { validateBody } from './validation.js';
import { DecideRequest } from './iam/authn.requests.js';

const IAM_CODES = { missing: 'IAM.0001', invalid: 'IAM.0001' } as const;

describe('validateBody with memoised class-validator metadata', () => {
  class Base {
    @IsDefined() @IsString() name!: string;
  }
  class Derived extends Base {
    @IsDefined() @MaxLength(3) code!: string;
  }

  it('a subclass validated many times: its inherited and own rules refuse the same way every time', () => {
    for (let i = 0; i < 3; i++) {
      expect(() => validateBody(Derived, { code: 'abc' }, IAM_CODES)).toThrow(expect.objectContaining({ code: 'IAM.0001', message: 'name is required' }));
      expect(() => validateBody(Derived, { name: 'n', code: 'abcd' }, IAM_CODES)).toThrow(expect.objectContaining({ message: 'invalid code: code must be shorter than or equal to 3 characters' }));
      expect(validateBody(Derived, { name: 'n', code: 'abc', extra: 1 }, IAM_CODES)).toEqual(Object.assign(new Derived(), { name: 'n', code: 'abc' }));
    }
  });

  it('a rule added after the class was first validated: applies from the next validation on', () => {
    class Late {
      @IsDefined() @IsString() name!: string;
      note?: string;
    }
    expect(validateBody(Late, { name: 'n', note: 5 }, IAM_CODES)).toEqual(Object.assign(new Late(), { name: 'n' }));
    IsString()(Late.prototype, 'note');
    expect(() => validateBody(Late, { name: 'n', note: 5 }, IAM_CODES)).toThrow(expect.objectContaining({ message: 'invalid note: note must be a string' }));
  });

  it('the internal IAM decide question without actions: refused with IAM.0001 naming the field, each time', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => validateBody(DecideRequest, { domain_id: '0123456789abcdef0123456789abcdef', user_id: 'u', project_id: 'p' }, IAM_CODES)).toThrow(expect.objectContaining({ code: 'IAM.0001', message: 'actions is required' }));
    }
  });
});
