import fc from 'fast-check';
import type { DtoShape, FieldKind, FieldShape } from './dto-shape.js';

/** Values the fuzzer uses where a sensible one is wanted: a real key id, secret name… by field or path parameter name. */
export type FuzzFixtures = Readonly<Record<string, string>>;

/** A JSON object that takes any key as its own (`__proto__` included). */
export type JsonObject = Record<string, unknown>;
export const jsonObject = (entries: Iterable<readonly [string, unknown]> = []): JsonObject => {
  const o = Object.create(null) as JsonObject;
  for (const [k, v] of entries) o[k] = v;
  return o;
};

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);

function scalar(kind: FieldKind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'int':
      return fc.integer({ min: 0, max: 1000 });
    case 'boolean':
      return fc.boolean();
    case 'object':
      return fc.constant(jsonObject());
    default:
      return name;
  }
}

/** A value that satisfies the field's declared rules (what the SDK would send). */
export function sensibleValue(field: FieldShape, fixtures: FuzzFixtures): fc.Arbitrary<unknown> {
  const fixture = fixtures[field.name];
  if (fixture !== undefined && field.kind === 'string') return fc.constant(fixture);
  if (field.values && field.values.length > 0) return fc.constantFrom(...field.values);
  if (field.pattern) return fc.stringMatching(field.pattern);
  if (field.kind === 'array') {
    const item = field.nested ? sensibleObject(field.nested, fixtures) : scalar(field.itemKind);
    return fc.array(item, { minLength: 1, maxLength: 3 });
  }
  if (field.nested) return sensibleObject(field.nested, fixtures);
  if (field.length && field.kind === 'string') {
    const [min, max] = field.length;
    return fc.string({ unit: fc.constantFrom('a', 'b', '0', '-'), minLength: min, maxLength: max ?? min + 16 });
  }
  return scalar(field.kind);
}

/** Every required field and some optional ones, each with a sensible value. */
export function sensibleObject(shape: DtoShape, fixtures: FuzzFixtures, skip: ReadonlySet<string> = new Set()): fc.Arbitrary<JsonObject> {
  const fields = shape.fields.filter((f) => !skip.has(f.name));
  if (fields.length === 0) return fc.constant(jsonObject());
  const entries = fields.map((f) =>
    (f.required ? fc.constant(true) : fc.boolean()).chain((present) => (present ? sensibleValue(f, fixtures).map((v) => [f.name, v] as const) : fc.constant(null))),
  );
  return fc.tuple(...entries).map((pairs) => jsonObject(pairs.filter((p): p is readonly [string, unknown] => p !== null)));
}

/** The names the fuzz suite gives a real value (a resource it made, or one of the caller's own ids). */
export const FUZZ_FIXTURE_NAMES = [
  'project_id', 'domain_id', 'key_id', 'destination_key_id', 'target_key_id', 'keystore_id', 'tag_key', 'secret_name', 'secret_id', 'version_id',
  'stage_name', 'event_name', 'keypair_name', 'task_id', 'server_id', 'instance_id', 'user_id', 'group_id', 'role_id', 'access_key',
] as const;
export type FuzzFixtureName = (typeof FUZZ_FIXTURE_NAMES)[number];
