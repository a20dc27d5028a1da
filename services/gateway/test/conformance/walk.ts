/** JSON types as a response carries them. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** One field an SDK model declares. */
export interface FieldSpec {
  readonly type: JsonType;
  /** Why DEW may leave out a field the model marks optional (absent: DEW always sends it). */
  readonly omitted?: string;
  /** Why the value may be null (e.g. Keystone's `previous`/`next`, a password that never expires). */
  readonly nullable?: string;
  /** The fields of an object, or of each element of an array of objects. */
  readonly fields?: Model;
  /** The type of each element of an array of scalars. */
  readonly items?: JsonType;
}
export type Model = Readonly<Record<string, FieldSpec>>;

function typeOf(value: unknown): JsonType | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matches(expected: JsonType, actual: JsonType | 'null'): boolean {
  return expected === actual || (expected === 'number' && actual === 'integer');
}

/** Every declared field that is missing or of the wrong JSON type, as `path: problem`. */
export function conformanceErrors(value: unknown, model: Model, path = '$'): string[] {
  if (typeOf(value) !== 'object') return [`${path}: expected an object, got ${typeOf(value)}`];
  const obj = value as Record<string, unknown>;
  return Object.entries(model).flatMap(([name, spec]) => fieldErrors(obj[name], name in obj, spec, `${path}.${name}`));
}

function fieldErrors(value: unknown, present: boolean, spec: FieldSpec, path: string): string[] {
  if (!present) return spec.omitted ? [] : [`${path}: missing`];
  const actual = typeOf(value);
  if (actual === 'null') return spec.nullable ? [] : [`${path}: null, expected ${spec.type}`];
  if (!matches(spec.type, actual)) return [`${path}: ${actual}, expected ${spec.type}`];
  if (spec.type === 'object' && spec.fields) return conformanceErrors(value, spec.fields, path);
  if (spec.type !== 'array') return [];
  return (value as unknown[]).flatMap((item, i) =>
    spec.fields ? conformanceErrors(item, spec.fields, `${path}[${i}]`) : spec.items && !matches(spec.items, typeOf(item)) ? [`${path}[${i}]: ${typeOf(item)}, expected ${spec.items}`] : [],
  );
}
