import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DewError } from './errors.js';
import { SHAPE_CODES, validateBody } from './validation.js';
import { CreateCredentialRequest } from './iam/access-keys.requests.js';
import { CreateKeyRequest, ListKeysRequest, ScheduleKeyDeletionRequest } from './kms/requests.js';
import { UpdateServerRequest } from './kps/server-requests.js';
import { CreateTokenRequest } from './iam/tokens.requests.js';
import { CreatePolicyRequest } from './iam/policies.requests.js';

describe('validateBody', () => {
  it('missing key_alias: fails with KMS.0204 naming the field', () => {
    expect(() => validateBody(CreateKeyRequest, {})).toThrow(expect.objectContaining({ code: 'KMS.0204', message: 'key_alias is required' }));
  });
  it('key_alias of the wrong type: fails with KMS.0308 naming the field', () => {
    expect(() => validateBody(CreateKeyRequest, { key_alias: 5 })).toThrow(expect.objectContaining({ code: 'KMS.0308', message: expect.stringContaining('key_alias') }));
  });
  it('pending_days as a JSON number: accepted as its string form', () => {
    expect(validateBody(ScheduleKeyDeletionRequest, { key_id: '0a1b2c3d-0000-4000-8000-00000000000a', pending_days: 7 }).pending_days).toBe('7');
  });
  it('sequence of 35 characters: fails with KMS.0206', () => {
    expect(() => validateBody(ListKeysRequest, { sequence: 'x'.repeat(35) })).toThrow(expect.objectContaining({ code: 'KMS.0206' }));
  });
  it('a tag without a key: fails naming tags.0.key', () => {
    expect(() => validateBody(CreateKeyRequest, { key_alias: 'a', tags: [{ value: 'v' }] })).toThrow(expect.objectContaining({ code: 'KMS.0204', message: 'tags.0.key is required' }));
  });
  it('an array body: fails with KMS.0308', () => {
    expect(() => validateBody(CreateKeyRequest, [])).toThrow(expect.objectContaining({ code: 'KMS.0308' }));
  });
  it('unknown fields: stripped, not refused (SDKs send extra fields)', () => {
    const req = validateBody(CreateKeyRequest, { key_alias: 'a', vm_id: 'x' }) as unknown as Record<string, unknown>;
    expect(req.vm_id).toBeUndefined();
    expect(req.key_alias).toBe('a');
  });
});

describe('validateBody: a field sent as null is a field not sent', () => {
  class Tag {
    @IsDefined() @IsString() key!: string;
    @IsOptional() @IsString() value?: string;
  }
  class Body {
    @IsDefined() @IsString() name!: string;
    @IsOptional() @IsString() note?: string;
    @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Tag) tags?: Tag[];
  }

  it('create-key with enterprise_project_id, tags and keystore_id null: each absent (each was once a 500)', () => {
    const body = validateBody(CreateKeyRequest, { key_alias: 'k', enterprise_project_id: null, tags: null, keystore_id: null });
    expect([body.key_alias, body.enterprise_project_id, body.tags, body.keystore_id]).toEqual(['k', undefined, undefined, undefined]);
  });

  it('an optional null field is absent, at any depth, and never reaches the handler as null', () => {
    const body = validateBody(Body, { name: 'n', note: null, tags: [{ key: 'k', value: null }] });
    expect(body.note).toBeUndefined();
    expect([body.tags?.[0]?.key, body.tags?.[0]?.value]).toEqual(['k', undefined]);
  });

  it('a required null field is refused as missing; a null array element is refused as its type', () => {
    expect(() => validateBody(Body, { name: null })).toThrow('name is required');
    expect(() => validateBody(Body, { name: 'n', tags: [null] })).toThrow(DewError);
  });
});

describe('validateBody: null where it means "clear"', () => {
  it("a DEW server's host_key null stays null (forget the pin); its other null fields are absent", () => {
    const body = validateBody(UpdateServerRequest, { server_id: 's-1', server: { host_key: null, name: null } }, { missing: 'KPS.0002', invalid: 'KPS.0002' });
    expect(body.server.host_key).toBeNull();
    expect(body.server.name).toBeUndefined();
  });
});

describe('validateBody: a constructor key in free JSON', () => {
  class Body {
    @IsOptional() document?: unknown;
  }
  it('is refused in the family\'s invalid code, naming the field and the key; never a TypeError', () => {
    const refusal = (() => {
      try {
        validateBody(Body, JSON.parse('{"document":{"Statement":[{"Condition":{"constructor":{}}}]}}') as object, { missing: 'CSMS.0004', invalid: 'CSMS.0004' });
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(DewError);
    expect(refusal).toMatchObject({ code: 'CSMS.0004', message: 'invalid document.Statement.0.Condition.constructor: a JSON object here may not have a key named "constructor"' });
  });
  it.each([
    [CreateTokenRequest, '{"auth":[{}],"x":{"constructor":1}}', 'x.constructor'],
    [CreatePolicyRequest, '{"role":[{"policy":{"constructor":1}}]}', 'role.0.policy.constructor'],
  ])('also when an array where a @Type object is declared sends the body to class-transformer (%p)', (dto, json, path) => {
    expect(() => validateBody(dto as new () => object, JSON.parse(json) as object, { missing: 'IAM.0001', invalid: 'IAM.0001' })).toThrow(
      new DewError('IAM.0001', `invalid ${path}: a JSON object here may not have a key named "constructor"`));
  });
  it('in a field the DTO does not declare too (it would be stripped, but the library reads it first)', () => {
    expect(() => validateBody(ScheduleKeyDeletionRequest, { key_id: '0a1b2c3d-0000-4000-8000-00000000000a', pending_days: '7', extra: { constructor: 1 } })).toThrow(/invalid extra\.constructor/);
  });
});

describe('validateBody: an array where one nested object is declared', () => {
  const IAM = SHAPE_CODES.iam;

  it('create-access-key with credential [] (every element rule passed, and IAM answered 500): refused IAM.0001 naming the field', () => {
    expect(() => validateBody(CreateCredentialRequest, { credential: [] }, IAM)).toThrow(expect.objectContaining({ code: 'IAM.0001', message: 'invalid credential: must be a JSON object, got an array' }));
    expect(() => validateBody(CreatePolicyRequest, { role: [{}] }, IAM)).toThrow(expect.objectContaining({ code: 'IAM.0001', message: expect.stringContaining('role: must be a JSON object') }));
  });

  it('arrays where arrays of nested objects are declared still pass (create-key tags)', () => {
    expect(validateBody(CreateKeyRequest, { key_alias: 'k', tags: [{ key: 'a', value: 'b' }] }).tags).toHaveLength(1);
  });
});
