import fc from 'fast-check';
import { IsEmail, IsString } from 'class-validator';
import { MAX_JSON_BYTES, MAX_JSON_DEPTH, OPERATIONS, jsonNestingDepth, kmsOperations, operationsOf } from '@dew/contracts';
import { dtoShape, UnknownDtoRule } from './dto-shape.js';
import { FUZZ_FIXTURE_NAMES } from './field-values.js';
import { MissingFixture, requestArbitrary, type FuzzRequest } from './request-arbitrary.js';

const FIXTURES = Object.fromEntries(FUZZ_FIXTURE_NAMES.map((n) => [n, `fixture-${n}`]));
const ROUTED = OPERATIONS.filter((o) => o.http);
const bytesOf = (r: FuzzRequest) => (typeof r.body === 'string' ? Buffer.from(r.body, 'utf8') : r.body);

it.each(ROUTED.map((o) => [o.name, o] as const))('routed operation %s has a request arbitrary built from its route and DTO', (_name, op) => {
  const sample = fc.sample(requestArbitrary(op, FIXTURES), { seed: 7, numRuns: 10 });
  expect(sample).toHaveLength(10);
  for (const req of sample) expect(req.method).toBe(op.http?.method);
});

it('a DTO rule the fuzzer has no arbitrary for fails the arbitrary, naming the class, field and rule', () => {
  class WithEmail {
    @IsString() @IsEmail() contact!: string;
  }
  expect(() => dtoShape(WithEmail)).toThrow(UnknownDtoRule);
  expect(() => dtoShape(WithEmail)).toThrow('WithEmail.contact: no fuzz arbitrary for the rule "isEmail"');
});

it('a route parameter without a fixture fails the arbitrary, naming the parameter', () => {
  const op = operationsOf('kms', 'kms', 'kms', true)('new-route', { http: { method: 'GET', paths: ['/v1.0/:project_id/kms/things/:thing_id'] } });
  expect(() => fc.sample(requestArbitrary(op, FIXTURES), 1)).toThrow(MissingFixture);
});

describe('the requests of create-key over 1000 runs', () => {
  const sample = fc.sample(requestArbitrary(kmsOperations.createKey, FIXTURES), { seed: 42, numRuns: 1000 });
  const sizes = sample.map((r) => bytesOf(r).length);
  const depths = sample.map((r) => jsonNestingDepth(bytesOf(r)));

  it('cross both edges of the body size limit', () => {
    expect(sizes).toContain(MAX_JSON_BYTES);
    expect(sizes).toContain(MAX_JSON_BYTES + 1);
  });

  it('cross both edges of the depth limit', () => {
    expect(depths).toContain(MAX_JSON_DEPTH);
    expect(depths).toContain(MAX_JSON_DEPTH + 1);
  });

  it('hold lone surrogates, control characters, boundary numbers and hostile path segments', () => {
    const texts = sample.map((r) => `${r.path} ${bytesOf(r).toString('utf8')}`).join('\n');
    expect(texts).toMatch(/\\ud[89ab][0-9a-f]{2}/);
    expect(texts).toMatch(/\\u000[0-9a-f]/);
    expect(texts).toContain('1e309');
    expect(texts).toContain('9007199254740993');
  });

  it('mostly keep the project in the path, a share of them hostile', () => {
    const real = sample.filter((r) => r.path.startsWith(`/v1.0/fixture-project_id/kms/create-key`)).length;
    expect(real / sample.length).toBeGreaterThan(0.7);
    expect(sample.some((r) => r.path.includes('/../') || r.path.includes('%2F') || r.path.includes('%00'))).toBe(true);
  });
});
