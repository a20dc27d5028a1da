import 'reflect-metadata';
import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { IsOptional, IsString } from 'class-validator';
import { ConstructorKeyInFreeJson, toDtoInstance } from './validation-instances.js';
import { NumericString } from './validation.js';
import { AuthenticateRequest } from './iam/authn.requests.js';
import { CreateKeyRequest, EncryptDataRequest, ScheduleKeyDeletionRequest } from './kms/requests.js';

class Leaf {
  @IsString() name!: string;
  @NumericString() count?: string;
}
class Base {
  @Type(() => Leaf) inherited?: Leaf;
}
class Body extends Base {
  @Type(() => Leaf) leaf?: Leaf;
  @Type(() => Leaf) leaves?: Leaf[];
  @IsOptional() document?: unknown;
  @NumericString() pending?: string;
  @Transform(({ value }) => `grouped ${String(value)}`, { groups: ['admin'] }) grouped?: string;
  get computed(): string {
    return 'from the class';
  }
}
class Exposed {
  @Expose({ name: 'wire_name' }) name?: string;
}
class Converted {
  @Type(() => String) text?: string;
}

/** Each outcome as the library gives it: the instance (classes and own keys compared), or the error's class and message. */
const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
};
const sameAsLibrary = (dto: new () => object, json: string) => {
  expect(outcome(() => toDtoInstance(dto, JSON.parse(json) as object))).toStrictEqual(outcome(() => plainToInstance(dto, JSON.parse(json) as object)));
};

describe('toDtoInstance builds what plainToInstance builds', () => {
  it.each([
    ['nested @Type objects, an array of them and an inherited one', '{"leaf":{"name":"a","count":3},"leaves":[{"name":"b"},null,"x",[{"name":"c"}]],"inherited":{"name":"d"}}'],
    ['free JSON: nested objects and arrays copied, nulls kept', '{"document":{"Statement":[{"Effect":"Allow","Action":["kms:*"],"Condition":null}],"n":1.5}}'],
    ['a JSON number in a NumericString field', '{"pending":7,"leaf":{"name":"a","count":1e3}}'],
    ['a transform of a group only: not applied without groups', '{"grouped":"g"}'],
    ['unknown keys: copied (class-validator strips them later)', '{"vm_id":"x","nested":{"a":[1,{"b":null}]}}'],
    ['a key naming a read-only accessor of the class: skipped', '{"computed":"from the body"}'],
    ['keys naming Object.prototype members: skipped, also in free JSON', '{"toString":"x","hasOwnProperty":1,"document":{"valueOf":2,"ok":3}}'],
    ['a __proto__ key: skipped, the prototype untouched', '{"__proto__":{"polluted":true},"document":{"__proto__":{"polluted":true}}}'],
    ['a constructor key at the top: skipped', '{"constructor":{"name":"x"}}'],
    ['a @Type object field holding a string, a number, an array of strings', '{"leaf":"text","inherited":5,"leaves":["a","b"]}'],
  ])('%s', (_what, json) => sameAsLibrary(Body, json));

  it('a class with @Expose: built by the library itself', () => {
    sameAsLibrary(Exposed, '{"wire_name":"n","name":"m"}');
    expect(toDtoInstance(Exposed, { wire_name: 'n' })).toStrictEqual(Object.assign(new Exposed(), { name: 'n' }));
  });
  it('a @Type that converts (String): built by the library itself', () => {
    sameAsLibrary(Converted, '{"text":{"a":1}}');
    expect(toDtoInstance(Converted, { text: 5 }).text).toBe('5');
  });
  it.each([
    [AuthenticateRequest, '{"credential":{"kind":"aksk","access_key":"AK","string_to_sign":["SDK-HMAC-SHA256\\n20240101T000000Z\\nab"],"signature":"00","single_use":true},"action":"kms:cmk:encrypt","project_id":"p"}'],
    [EncryptDataRequest, '{"key_id":"0a1b2c3d-0000-4000-8000-00000000000a","plain_text":"xx","additional_authenticated_data":"aad","sequence":"s"}'],
    [CreateKeyRequest, '{"key_alias":"a","tags":[{"key":"k","value":"v"},{"key":null}],"origin":"kms"}'],
    [ScheduleKeyDeletionRequest, '{"key_id":"0a1b2c3d-0000-4000-8000-00000000000a","pending_days":7}'],
  ])('the contract %p', (dto, json) => sameAsLibrary(dto as new () => object, json));
  it('the prototype of Object is not polluted by a __proto__ key', () => {
    toDtoInstance(Body, JSON.parse('{"__proto__":{"polluted":true},"document":{"__proto__":{"polluted":true}}}') as object);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('toDtoInstance: a constructor key in free JSON (the library throws a TypeError on it)', () => {
  it.each([
    ['{"document":{"constructor":5}}', 'document.constructor'],
    ['{"document":{"a":[1,{"constructor":{"name":"x"}}]}}', 'document.a.1.constructor'],
    ['{"leaves":[{"name":"b"},{"name":"c","extra":{"constructor":"x"}}]}', 'leaves.1.extra.constructor'],
  ])('%s is refused, naming %s', (json, path) => {
    const err = outcome(() => toDtoInstance(Body, JSON.parse(json) as object));
    expect(err).toEqual({ error: `ConstructorKeyInFreeJson: ${path}: a JSON object here may not have a key named "constructor"` });
    expect(() => plainToInstance(Body, JSON.parse(json) as object)).toThrow(TypeError);
  });
  it('a constructor key at a DTO\'s own level is skipped like any undeclared key', () => {
    expect(toDtoInstance(Body, JSON.parse('{"constructor":5,"leaf":{"name":"a","constructor":6}}') as object)).toStrictEqual(
      Object.assign(new Body(), { leaf: Object.assign(new Leaf(), { name: 'a' }) }));
  });
  it('the class is exported for validateBody to map', () => expect(new ConstructorKeyInFreeJson('x').under('y').path).toBe('y.x'));
});
