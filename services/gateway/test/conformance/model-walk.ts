import { conformanceErrors, type FieldSpec, type JsonType, type Model } from './walk.js';

/**
 * The compact form the KMS and CSMS tables are written in: a field is its JSON type, or an array
 * of items, or an object of fields; what DEW may leave out or send as null is listed apart by path
 * (`a.b`, array items as `a[].b`) with the reason. `toModel` turns it into walk.ts's model, so one
 * walk checks every table.
 */
export type CompactSpec = Exclude<JsonType, 'array' | 'number'> | { readonly type: 'array'; readonly items: CompactSpec } | { readonly type: 'object'; readonly fields: ModelFields };
export type ModelFields = Readonly<Record<string, CompactSpec>>;
export type Omissions = Readonly<Record<string, string>>;

/** The SDK's `TagItem` list (`{key, value}`), shared by KMS and CSMS tag answers. */
export const TAG_LIST: CompactSpec = { type: 'array', items: { type: 'object', fields: { key: 'string', value: 'string' } } };
/** The SDK's project tag list (`{key, values[]}`), shared by KMS and CSMS. */
export const TAG_VALUES_LIST: CompactSpec = { type: 'array', items: { type: 'object', fields: { key: 'string', values: { type: 'array', items: 'string' } } } };

function toSpec(spec: CompactSpec, omitted: Omissions, at: string): FieldSpec {
  const reason = omitted[at];
  const optional = reason === undefined ? {} : { omitted: reason, nullable: reason };
  if (typeof spec === 'string') return { type: spec, ...optional };
  if (spec.type === 'object') return { type: 'object', fields: toModel(spec.fields, omitted, at), ...optional };
  const items = spec.items;
  return typeof items === 'string'
    ? { type: 'array', items, ...optional }
    : { type: 'array', ...(items.type === 'object' ? { fields: toModel(items.fields, omitted, `${at}[]`) } : { items: items.type }), ...optional };
}

export function toModel(fields: ModelFields, omitted: Omissions = {}, path = ''): Model {
  return Object.fromEntries(Object.entries(fields).map(([name, spec]) => [name, toSpec(spec, omitted, path ? `${path}.${name}` : name)]));
}

/** Every declared field that is missing or of the wrong JSON type. */
export function conformanceProblems(body: unknown, fields: ModelFields, omitted: Omissions = {}): string[] {
  return conformanceErrors(body, toModel(fields, omitted));
}
