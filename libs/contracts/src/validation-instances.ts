import { plainToInstance, TransformationType } from 'class-transformer';
import { defaultMetadataStorage as storage } from 'class-transformer/cjs/storage.js';
import type { ClassTransformOptions, TransformFnParams } from 'class-transformer';

type Ctor = new () => object;
type TypeMetadata = NonNullable<ReturnType<typeof storage.findTypeMetadata>>;
type TransformFn = (params: TransformFnParams) => unknown;

/** What class-transformer knows of one property of one class (its lookups walk every ancestor on each call). */
interface PropertyRules {
  readonly type: TypeMetadata | undefined;
  readonly transforms: readonly TransformFn[];
}

/** Something the short path does not reproduce: the whole body goes to class-transformer instead. */
class NotOrdinary extends Error {}

/**
 * A `constructor` key in free JSON (an encryption context, a policy document): class-transformer
 * takes it for the object's class and throws a TypeError, a 500 for any body holding one. Such a
 * body is refused instead (validateBody names the field); at a DTO's own level the key is skipped
 * like any key the DTO does not declare.
 */
export class ConstructorKeyInFreeJson extends Error {
  constructor(readonly path: string) {
    super(`${path}: a JSON object here may not have a key named "constructor"`);
    this.name = 'ConstructorKeyInFreeJson';
  }

  under(key: string): ConstructorKeyInFreeJson {
    return new ConstructorKeyInFreeJson(`${key}.${this.path}`);
  }
}

/** The options plainToInstance runs with when given none (class-transformer 0.5 defaultOptions); transforms receive them. */
const OPTIONS: ClassTransformOptions = Object.freeze({
  enableCircularCheck: false, enableImplicitConversion: false, excludeExtraneousValues: false, excludePrefixes: undefined,
  exposeDefaultValues: false, exposeUnsetFields: true, groups: undefined, ignoreDecorators: false, strategy: undefined,
  targetMaps: undefined, version: undefined,
});
/** Targets class-transformer converts to rather than instantiates and fills (its executor's first branches). */
const CONVERTED: ReadonlySet<unknown> = new Set<unknown>([String, Number, Boolean, Date, Buffer, Map, Set, Promise, Object, Array]);
/** Per class, at most this many body keys' rules are kept: keys are the caller's choice. */
const RULES_KEPT_PER_CLASS = 256;

const rulesByClass = new WeakMap<Ctor, Map<string, PropertyRules>>();
const ordinaryClasses = new WeakMap<Ctor, boolean>();

/**
 * `plainToInstance(dto, body)` for a parsed JSON body, the same instance built without
 * class-transformer's per-key metadata walks (docs/performance.md, "IAM's and KMS's own
 * per-request costs"): each nested value goes to a new instance of its @Type class, or is copied
 * as free JSON, and @Transform functions run, exactly as the library does with its default
 * options. Whatever it would treat otherwise (@Expose/@Exclude, discriminators, converting types
 * such as @Type(() => String), Set/Map targets, an array where a @Type object is declared) sends
 * the body to class-transformer itself, so the result never differs — except that a body it would
 * throw on (a nested `constructor` key) is refused instead (ConstructorKeyInFreeJson,
 * BodyShapeUnreadable: validateBody answers them 400).
 */
export function toDtoInstance<T extends object>(dto: new () => T, body: object): T {
  try {
    return fill(body as Record<string, unknown>, dto) as T;
  } catch (err) {
    if (!(err instanceof NotOrdinary)) throw err;
  }
  // The library takes a nested object's `constructor` key for its class and throws on it.
  const path = nestedConstructorKey(body);
  if (path !== undefined) throw new ConstructorKeyInFreeJson(path);
  try {
    return plainToInstance(dto, body);
  } catch (err) {
    throw new BodyShapeUnreadable(dto.name, err);
  }
}

/** What class-transformer threw on a body (never expected once `constructor` keys are refused): a refusal, not a 500. */
export class BodyShapeUnreadable extends Error {
  constructor(dtoName: string, cause: unknown) {
    super(`the body's shape cannot be read as ${dtoName}`, { cause });
    this.name = 'BodyShapeUnreadable';
  }
}

/** The path of the first `constructor` key of an object below the top level, if any. */
function nestedConstructorKey(value: unknown, path = ''): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (path !== '' && !Array.isArray(value) && Object.hasOwn(value, 'constructor')) return `${path}.constructor`;
  for (const [key, sub] of Object.entries(value)) {
    const found = nestedConstructorKey(sub, path === '' ? key : `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function convert(value: unknown, target: Ctor | undefined, arrayType: unknown): unknown {
  if (Array.isArray(value)) {
    if (arrayType !== undefined && arrayType !== Array && arrayType !== Object) throw new NotOrdinary();
    return value.map((element: unknown, index) => {
      try {
        return convert(element, target, undefined);
      } catch (err) {
        throw err instanceof ConstructorKeyInFreeJson ? err.under(String(index)) : err;
      }
    });
  }
  if (value === null || typeof value !== 'object') return value;
  return fill(value as Record<string, unknown>, target);
}

function fill(value: Record<string, unknown>, target: Ctor | undefined): object {
  if (target === undefined && Object.hasOwn(value, 'constructor')) throw new ConstructorKeyInFreeJson('constructor');
  // The library guesses a free object's class from its `constructor`: only JSON's own Object is ordinary.
  if (target === undefined && value.constructor !== Object) throw new NotOrdinary();
  if (target !== undefined && !isOrdinaryClass(target)) throw new NotOrdinary();
  const out = (target === undefined ? {} : new target()) as Record<string, unknown>;
  const prototype = (out.constructor as { prototype?: object }).prototype;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const sub = value[key];
    const rules = target === undefined ? undefined : rulesOf(target, key);
    const type = rules?.type === undefined ? undefined : typeOf(rules.type, out, value, key);
    // As the library does: a method or read-only accessor of the class (or of Object) is never overwritten.
    const descriptor = prototype === undefined ? undefined : Object.getOwnPropertyDescriptor(prototype, key);
    if ((descriptor !== undefined && descriptor.set === undefined) || out[key] instanceof Function) continue;
    let final: unknown;
    try {
      final = convert(sub, type, Array.isArray(sub) ? rules?.type?.reflectedType : undefined);
    } catch (err) {
      throw err instanceof ConstructorKeyInFreeJson ? err.under(key) : err;
    }
    for (const transform of rules?.transforms ?? []) final = transform({ value: final, key, obj: value, type: TransformationType.PLAIN_TO_CLASS, options: OPTIONS });
    out[key] = final;
  }
  return out;
}

function typeOf(metadata: TypeMetadata, newObject: object, object: Record<string, unknown>, property: string): Ctor | undefined {
  if (metadata.options?.discriminator !== undefined || metadata.reflectedType === Map) throw new NotOrdinary();
  const type = (metadata.typeFunction ? metadata.typeFunction({ newObject, object, property }) : metadata.reflectedType) as unknown;
  if (type === undefined) return undefined;
  if (typeof type !== 'function' || CONVERTED.has(type)) throw new NotOrdinary();
  return type as Ctor;
}

function isOrdinaryClass(target: Ctor): boolean {
  let ordinary = ordinaryClasses.get(target);
  if (ordinary === undefined) {
    ordinary = storage.getStrategy(target) === 'none' && storage.getExposedMetadatas(target).length === 0 && storage.getExcludedMetadatas(target).length === 0;
    ordinaryClasses.set(target, ordinary);
  }
  return ordinary;
}

function rulesOf(target: Ctor, key: string): PropertyRules {
  let byKey = rulesByClass.get(target);
  if (byKey === undefined) rulesByClass.set(target, (byKey = new Map()));
  const kept = byKey.get(key);
  if (kept !== undefined) return kept;
  const rules: PropertyRules = {
    type: storage.findTypeMetadata(target, key),
    // Without `groups` in the options the library keeps only the transforms that name no group.
    transforms: storage
      .findTransformMetadatas(target, key, TransformationType.PLAIN_TO_CLASS)
      .filter((m) => !m.options?.groups?.length)
      .map((m) => m.transformFn),
  };
  if (byKey.size < RULES_KEPT_PER_CLASS) byKey.set(key, rules);
  return rules;
}
