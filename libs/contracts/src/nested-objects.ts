import { getMetadataStorage } from 'class-validator';

/** A nested DTO instance (its class from @Type), not free JSON nor an array. */
const isDto = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && ![Object.prototype, null].includes(Object.getPrototypeOf(value) as object | null);

/**
 * The path of the first field declared as one nested object (@ValidateNested without `each`, no
 * @IsArray) that holds an array, or undefined. class-validator validates an array there element
 * by element, so `{"credential":[]}` passed every rule and its handler read the fields of an
 * array: a 500 (docs/input-limits.md, "Fuzzing").
 */
export function arrayInPlaceOfObject(instance: object, prefix = ''): string | undefined {
  const rules = getMetadataStorage().getTargetValidationMetadatas(instance.constructor, '', true, false);
  const arrays = new Set(rules.filter((r) => r.name === 'isArray' || r.each).map((r) => r.propertyName));
  for (const rule of rules) {
    if (rule.type !== 'nestedValidation') continue;
    const value = (instance as Record<string, unknown>)[rule.propertyName];
    const path = prefix ? `${prefix}.${rule.propertyName}` : rule.propertyName;
    if (Array.isArray(value) && !arrays.has(rule.propertyName)) return path;
    const nested = Array.isArray(value) ? value.map((v, i) => [v, `${path}.${i}`] as const) : [[value, path] as const];
    for (const [v, at] of nested) {
      const found = isDto(v) ? arrayInPlaceOfObject(v, at) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}
