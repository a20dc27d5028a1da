/**
 * Response conformance against the Huawei SDK models (huaweicloud-sdk-nodejs-v3): a table per
 * operation lists the fields its response model declares with their JSON types; the walk reports
 * every declared field that is missing or of another type.
 */
export type JsonType = 'string' | 'integer' | 'boolean' | 'object';
export type FieldSpec = JsonType | { readonly type: 'array'; readonly items: FieldSpec } | { readonly type: 'object'; readonly fields: ModelFields };
export type ModelFields = Readonly<Record<string, FieldSpec>>;

/**
 * Fields the SDK model marks optional that DEW leaves out or sends as null, by path (`a.b`, array
 * items as `a[].b`), each with the reason. Every other declared field must be there.
 */
export type Omissions = Readonly<Record<string, string>>;

export function conformanceProblems(body: unknown, fields: ModelFields, omitted: Omissions = {}, path = ''): string[] {
  if (!isObject(body)) return [`${path || '(body)'}: expected an object, got ${describe(body)}`];
  return Object.entries(fields).flatMap(([name, spec]) => {
    const at = path ? `${path}.${name}` : name;
    const value = body[name];
    if (value === undefined || value === null) return Object.hasOwn(omitted, at) ? [] : [`${at}: missing`];
    return valueProblems(value, spec, omitted, at);
  });
}

function valueProblems(value: unknown, spec: FieldSpec, omitted: Omissions, at: string): string[] {
  if (typeof spec === 'string') return hasType(value, spec) ? [] : [`${at}: expected ${spec}, got ${describe(value)}`];
  if (spec.type === 'array') {
    if (!Array.isArray(value)) return [`${at}: expected array, got ${describe(value)}`];
    return value.flatMap((item) => valueProblems(item, spec.items, omitted, `${at}[]`));
  }
  return conformanceProblems(value, spec.fields, omitted, at);
}

function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return isObject(value);
    default: {
      const never: never = type;
      return never;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}
