import fc from 'fast-check';
import type { DtoShape } from './dto-shape.js';
import { jsonObject, type JsonObject } from './field-values.js';
import { extraKey, hostileValue } from './hostile-values.js';

/** Where a field sits in a body: keys, and 0 for an array's first element. */
export type FieldPath = readonly (string | 0)[];

/** Every field a DTO declares, nested ones included (an array's first element stands for all). */
export function fieldPaths(shape: DtoShape, prefix: FieldPath = [], depth = 0): FieldPath[] {
  return shape.fields.flatMap((f) => {
    const here = [...prefix, f.name];
    const below = f.nested && depth < 3 ? fieldPaths(f.nested, nestedAt(here, f.kind), depth + 1) : [];
    return [here, ...below];
  });
}

/** The objects of a body that hold fields: the body itself and each nested DTO (an extra key goes there). */
export function objectPaths(shape: DtoShape, prefix: FieldPath = [], depth = 0): FieldPath[] {
  const below = shape.fields.flatMap((f) => (f.nested && depth < 3 ? objectPaths(f.nested, nestedAt([...prefix, f.name], f.kind), depth + 1) : []));
  return [prefix, ...below];
}

const nestedAt = (path: FieldPath, kind: string): FieldPath => (kind === 'array' ? [...path, 0] : path);

/** The paths of required fields (whose absence must be refused). */
export function requiredPaths(shape: DtoShape, prefix: FieldPath = []): FieldPath[] {
  return shape.fields.flatMap((f) => {
    const here = [...prefix, f.name];
    const below = f.nested && f.kind !== 'array' ? requiredPaths(f.nested, here) : [];
    return f.required ? [here, ...below] : below;
  });
}

export type Mutation =
  | { readonly kind: 'set'; readonly path: FieldPath; readonly value: unknown }
  | { readonly kind: 'drop'; readonly path: FieldPath }
  | { readonly kind: 'extra'; readonly path: FieldPath; readonly key: string; readonly value: unknown };

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === null) return jsonObject(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

/** The container at `path` (made on the way when absent), to change its last key. */
function containerAt(body: JsonObject, path: FieldPath): Record<string | number, unknown> {
  let node: Record<string | number, unknown> = body;
  for (const [i, step] of path.entries()) {
    let next = node[step];
    if (next === null || typeof next !== 'object') {
      next = path[i + 1] === 0 ? [] : jsonObject();
      node[step] = next;
    }
    node = next as Record<string | number, unknown>;
  }
  return node;
}

export function applyMutations(body: JsonObject, mutations: readonly Mutation[]): JsonObject {
  const out = clone(body) as JsonObject;
  for (const m of mutations) {
    if (m.kind === 'extra') {
      containerAt(out, m.path)[m.key] = m.value;
      continue;
    }
    const parent = containerAt(out, m.path.slice(0, -1));
    const last = m.path[m.path.length - 1] as string | 0;
    if (m.kind === 'set') parent[last] = m.value;
    else delete parent[last];
  }
  return out;
}

/** One to three changes a client should be refused for: a field of the wrong value, a required one missing, an extra one. */
export function mutationsOf(shape: DtoShape): fc.Arbitrary<Mutation[]> {
  const paths = fieldPaths(shape);
  const required = requiredPaths(shape);
  const options: fc.WeightedArbitrary<Mutation>[] = [
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('extra' as const), path: fc.constantFrom(...objectPaths(shape)), key: extraKey, value: hostileValue }) },
  ];
  if (paths.length > 0) options.push({ weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: hostileValue }) });
  if (required.length > 0) options.push({ weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), path: fc.constantFrom(...required) }) });
  return fc.array(fc.oneof(...options), { minLength: 1, maxLength: 3 });
}
