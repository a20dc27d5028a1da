import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { ID_FORMATS } from '@dew/contracts';

/** How a flag's text becomes a JSON value. `json` takes a JSON document (objects, arrays of objects). */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'string[]' | 'json';

/** One request field as the CLI offers it: a flag, or a group of dotted flags for a nested object. */
export interface FieldSpec {
  /** Its JSON name (`key_id`), dotted under a nested object (`user.name`). */
  readonly name: string;
  readonly type: FieldType;
  readonly required: boolean;
  /** The values `@IsIn` allows. */
  readonly choices?: readonly string[];
  /** What its validation decorators allow beyond the type, in words: `a lower-case UUID …`, `at most 10 items`. */
  readonly rules?: readonly string[];
  /** The fields of a nested object: also settable one by one as `--user.name`. */
  readonly children?: readonly FieldSpec[];
}

type Ctor = new () => object;
type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

const SCALARS: Readonly<Record<string, FieldType>> = { isString: 'string', isInt: 'integer', isNumber: 'number', isNumberString: 'string', isBoolean: 'boolean', isIn: 'string', matches: 'string' };

function typeOf(rules: readonly Rule[]): FieldType {
  const names = new Set(rules.map((r) => r.name ?? r.type));
  const scalar = rules.map((r) => (r.name ? SCALARS[r.name] : undefined)).find((t) => t !== undefined);
  if (names.has('isArray')) return scalar === 'string' && !rules.some((r) => r.type === 'nestedValidation') ? 'string[]' : 'json';
  if (names.has('isObject') || rules.some((r) => r.type === 'nestedValidation')) return 'json';
  return scalar ?? 'json';
}

const ID_TEXTS = new Map<string, string>(Object.values(ID_FORMATS).map((f) => [f.pattern.source, f.text]));

/** One decorator's bound in words, for `--help`; undefined for those the type already says. */
function ruleText(rule: Rule): string | undefined {
  const [a, b] = (rule.constraints ?? []) as unknown[];
  switch (rule.name) {
    case 'matches': return a instanceof RegExp ? (ID_TEXTS.get(a.source) ?? `matching ${String(a)}`) : undefined;
    case 'isLength': return a === b ? `exactly ${String(a)} characters` : `${String(a)}–${String(b)} characters`;
    case 'maxLength': return `at most ${String(a)} characters`;
    case 'minLength': return `at least ${String(a)} characters`;
    case 'arrayMaxSize': return `at most ${String(a)} items`;
    case 'arrayMinSize': return `at least ${String(a)} items`;
    case 'arrayNotEmpty': return 'at least 1 item';
    case 'min': return `at least ${String(a)}`;
    case 'max': return `at most ${String(a)}`;
    default: return undefined;
  }
}

/** The class `@Type` names for a nested field, when it is one object (not an array of them). */
function nestedClass(dto: Ctor, property: string, rules: readonly Rule[]): Ctor | undefined {
  const nested = rules.find((r) => r.type === 'nestedValidation');
  if (!nested || nested.each || rules.some((r) => r.name === 'isArray')) return undefined;
  const type = defaultMetadataStorage.findTypeMetadata(dto, property);
  const cls = type?.typeFunction() as Ctor | undefined;
  return typeof cls === 'function' && cls !== Object ? cls : undefined;
}

/** The fields of a request DTO, from its class-validator and class-transformer decorators, in declaration order. */
export function fieldsOf(dto: Ctor, prefix = ''): FieldSpec[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byName = new Map<string, Rule[]>();
  for (const rule of rules) byName.set(rule.propertyName, [...(byName.get(rule.propertyName) ?? []), rule]);
  return [...byName].map(([property, own]) => {
    const name = `${prefix}${property}`;
    const choices = own.find((r) => r.name === 'isIn')?.constraints?.[0] as readonly unknown[] | undefined;
    const cls = nestedClass(dto, property, own);
    const rules = [...new Set(own.flatMap((r) => ruleText(r) ?? []))];
    return {
      name,
      type: typeOf(own),
      required: !own.some((r) => r.type === 'conditionalValidation'),
      ...(choices ? { choices: choices.map(String) } : {}),
      ...(rules.length > 0 ? { rules } : {}),
      ...(cls ? { children: fieldsOf(cls, `${name}.`) } : {}),
    };
  });
}
