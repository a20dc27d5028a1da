import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

/** What a DTO field holds, as far as its class-validator rules say. */
export type FieldKind = 'string' | 'int' | 'boolean' | 'object' | 'array' | 'any';

export interface FieldShape {
  readonly name: string;
  readonly required: boolean;
  readonly kind: FieldKind;
  /** The kind of each element (arrays) or of the value itself. */
  readonly itemKind: FieldKind;
  /** @IsIn's values. */
  readonly values?: readonly unknown[];
  /** @Matches's pattern (ids). */
  readonly pattern?: RegExp;
  /** @Length's bounds. */
  readonly length?: readonly [number, number | undefined];
  /** The nested DTO of a @ValidateNested field (each element's, for an array). */
  readonly nested?: DtoShape;
}

export interface DtoShape {
  readonly name: string;
  readonly fields: readonly FieldShape[];
}

/** A rule the fuzzer has no arbitrary for: the operation cannot be fuzzed until one is added. */
export class UnknownDtoRule extends Error {
  constructor(dto: string, property: string, rule: string) {
    super(`${dto}.${property}: no fuzz arbitrary for the rule "${rule}" (libs/testing/src/fuzz/dto-shape.ts)`);
    this.name = 'UnknownDtoRule';
  }
}

type Ctor = new () => object;
type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

const KIND_OF: Readonly<Record<string, FieldKind>> = { isString: 'string', isInt: 'int', isBoolean: 'boolean', isObject: 'object', isArray: 'array' };
/** Rules that only narrow a kind already known (or mark presence). */
const NARROWING = new Set(['isOptional', 'isDefined', 'isIn', 'isLength', 'matches', 'arrayMaxSize', 'arrayNotEmpty']);

const cache = new WeakMap<Ctor, DtoShape>();

/** The fields a DTO class declares, read from its class-validator and class-transformer metadata. */
export function dtoShape(dto: Ctor): DtoShape {
  const known = cache.get(dto);
  if (known) return known;
  const byProperty = new Map<string, Rule[]>();
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }
  const shape: DtoShape = { name: dto.name, fields: [...byProperty].map(([name, rules]) => fieldOf(dto, name, rules)) };
  cache.set(dto, shape);
  return shape;
}

function ruleName(rule: Rule): string {
  return rule.name ?? rule.type;
}

function fieldOf(dto: Ctor, name: string, rules: readonly Rule[]): FieldShape {
  let kind: FieldKind = 'any';
  let itemKind: FieldKind = 'any';
  let required = false;
  let nested: DtoShape | undefined;
  let values: readonly unknown[] | undefined;
  let pattern: RegExp | undefined;
  let length: readonly [number, number | undefined] | undefined;
  for (const rule of rules) {
    const r = ruleName(rule);
    if (rule.type === 'nestedValidation') {
      const type = defaultMetadataStorage.findTypeMetadata(dto, name);
      if (!type) throw new UnknownDtoRule(dto.name, name, 'ValidateNested without @Type');
      nested = dtoShape(type.typeFunction() as Ctor);
      if (rule.each && kind === 'any') kind = 'array';
      continue;
    }
    if (r === 'isDefined') required = true;
    if (r === 'isIn') values = rule.constraints[0] as unknown[];
    if (r === 'matches') pattern = rule.constraints[0] as RegExp;
    if (r === 'isLength') length = [rule.constraints[0] as number, rule.constraints[1] as number | undefined];
    const k = KIND_OF[r];
    if (k === undefined) {
      if (!NARROWING.has(r)) throw new UnknownDtoRule(dto.name, name, r);
      continue;
    }
    // `each: true` on a scalar rule: an array of that scalar.
    if (rule.each) {
      kind = 'array';
      itemKind = k;
    } else if (k === 'array') {
      kind = 'array';
    } else if (kind === 'array') {
      itemKind = k;
    } else {
      kind = k;
      itemKind = k;
    }
  }
  if (nested && kind === 'any') kind = 'object';
  if (nested && kind === 'array') itemKind = 'object';
  return { name, required, kind, itemKind, ...(values ? { values } : {}), ...(pattern ? { pattern } : {}), ...(length ? { length } : {}), ...(nested ? { nested } : {}) };
}
