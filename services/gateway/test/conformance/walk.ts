/** JSON types as the SDK models declare them (`number` fields typed integer hold whole numbers). */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface FieldSpec {
  readonly type: JsonType;
  /** Why DEW may omit a field the model marks optional; absent means DEW always sends it. */
  readonly omittedBecause?: string;
  /** The fields of an object, or of each item of an array of objects. */
  readonly fields?: ModelTable;
}

export type ModelTable = Readonly<Record<string, FieldSpec>>;

function typeOf(value: unknown): JsonType | 'null' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** Every way `value` differs from `table`: a field missing (unless it may be omitted) or of another JSON type. */
export function conformanceProblems(value: unknown, table: ModelTable, at = '$'): string[] {
  if (typeOf(value) !== 'object') return [`${at}: expected an object, got ${typeOf(value)}`];
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const path = `${at}.${name}`;
    if (!(name in record)) {
      if (spec.omittedBecause === undefined) problems.push(`${path}: missing`);
      continue;
    }
    const actual = typeOf(record[name]);
    const matches = actual === spec.type || (spec.type === 'number' && actual === 'integer');
    if (!matches) {
      problems.push(`${path}: expected ${spec.type}, got ${actual}`);
      continue;
    }
    if (spec.fields && actual === 'object') problems.push(...conformanceProblems(record[name], spec.fields, path));
    if (spec.fields && actual === 'array') (record[name] as unknown[]).forEach((item, i) => problems.push(...conformanceProblems(item, spec.fields!, `${path}[${i}]`)));
  }
  return problems;
}
