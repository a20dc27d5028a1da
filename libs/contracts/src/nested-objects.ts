import { getMetadataStorage } from 'class-validator';

/** A nested DTO instance (its class from @Type), not free JSON nor an array. */
const isDto = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && ![Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/** A field declared as nested DTO(s), and whether an array of them is declared there. */
interface NestedField {
  readonly property: string;
  readonly arrayDeclared: boolean;
}

/**
 * A class's nested fields, worked out once per rule list: class-validator's lookup is memoised
 * (validation-metadata-cache.ts) and answers the same array until a rule is added, so this runs
 * per class, not per request body.
 */
const nestedFieldsByRules = new WeakMap<object, readonly NestedField[]>();

function nestedFieldsOf(instance: object): readonly NestedField[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(instance.constructor, '', true, false);
  let fields = nestedFieldsByRules.get(rules);
  if (fields === undefined) {
    const arrays = new Set(rules.filter((r) => r.name === 'isArray' || r.each).map((r) => r.propertyName));
    fields = rules.filter((r) => r.type === 'nestedValidation').map((r) => ({ property: r.propertyName, arrayDeclared: arrays.has(r.propertyName) }));
    nestedFieldsByRules.set(rules, fields);
  }
  return fields;
}

/**
 * The path of the first field declared as one nested object (@ValidateNested without `each`, no
 * @IsArray) that holds an array, or undefined. class-validator validates an array there element
 * by element, so `{"credential":[]}` passed every rule and its handler read the fields of an
 * array: a 500 (docs/input-limits.md, "Fuzzing").
 */
export function arrayInPlaceOfObject(instance: object, prefix = ''): string | undefined {
  for (const field of nestedFieldsOf(instance)) {
    const value = (instance as Record<string, unknown>)[field.property];
    const path = prefix ? `${prefix}.${field.property}` : field.property;
    if (Array.isArray(value) && !field.arrayDeclared) return path;
    const nested = Array.isArray(value) ? value.map((v, i) => [v, `${path}.${i}`] as const) : [[value, path] as const];
    for (const [v, at] of nested) {
      const found = isDto(v) ? arrayInPlaceOfObject(v, at) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}
