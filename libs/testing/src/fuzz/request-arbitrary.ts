import fc from 'fast-check';
import type { Operation } from '@dew/contracts';
import { dtoShape, type DtoShape } from './dto-shape.js';
import { sensibleObject, type FuzzFixtures, type JsonObject } from './field-values.js';
import { applyMutations, mutationsOf } from './body-mutations.js';
import { jsonText } from './hostile-values.js';
import { depthEdge, hostileQuery, hostileSegment, oddBody, percentEncode, queryOf, sizeEdge } from './request-parts.js';

/** One request the fuzzer sends: the raw path (not normalised: `..` stays), query included, and the body's bytes. */
export class FuzzRequest {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly body: string | Buffer,
  ) {}

  /** fast-check prints counterexamples with this: long parts cut short. */
  [fc.toStringMethod](): string {
    const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s);
    const body = typeof this.body === 'string' ? JSON.stringify(cut(this.body)) : `<bytes ${this.body.toString('hex').slice(0, 64)}>`;
    return `${this.method} ${cut(this.path)} ${body}`;
  }
}

/** A route parameter with no fixture: the fuzzer cannot aim at a real resource. */
export class MissingFixture extends Error {
  constructor(op: string, param: string) {
    super(`operation ${op}: no fuzz fixture for the path parameter :${param} (give one to the fuzz suite)`);
    this.name = 'MissingFixture';
  }
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The path with each parameter a fixture, or now and then a hostile segment. */
function pathArbitrary(op: Operation, template: string, fixtures: FuzzFixtures): fc.Arbitrary<string> {
  const segments = template.split('/').map((seg) => {
    if (!seg.startsWith(':')) return fc.constant(seg);
    const fixture = fixtures[seg.slice(1)];
    if (fixture === undefined) throw new MissingFixture(op.name, seg.slice(1));
    return fc.oneof({ weight: 5, arbitrary: fc.constant(percentEncode(fixture)) }, { weight: 1, arbitrary: hostileSegment });
  });
  return fc.tuple(...segments).map((parts) => parts.join('/'));
}

/** The fields the request itself carries (path parameters travel in the path), and whether the body is a JSON array of them. */
function ownShape(op: Operation, template: string): { shape: DtoShape; array: boolean } {
  const params = new Set(template.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1)));
  const whole = op.dto ? dtoShape(op.dto) : { name: `${op.name} (no DTO)`, fields: [] };
  const items = op.flags.arrayBody ? whole.fields.find((f) => f.name === 'items')?.nested : undefined;
  if (items) return { shape: items, array: true };
  return { shape: { name: whole.name, fields: whole.fields.filter((f) => !params.has(f.name)) }, array: false };
}

/** Fields as the route receives them, changed in one to three ways (or left sensible now and then). */
function fieldsArbitrary(shape: DtoShape, fixtures: FuzzFixtures): fc.Arbitrary<JsonObject> {
  const sensible = sensibleObject(shape, fixtures);
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(sensible, mutationsOf(shape)).map(([body, m]) => applyMutations(body, m)) },
    { weight: 1, arbitrary: sensible },
  );
}

/**
 * Requests for one operation of the table, derived from its route and its DTO's declared fields:
 * sensible path parameters (a share hostile), fields of the wrong type or value, missing and extra
 * fields, odd bodies, bodies at both edges of the depth and size limits, hostile query strings.
 */
export function requestArbitrary(op: Operation, fixtures: FuzzFixtures): fc.Arbitrary<FuzzRequest> {
  const http = op.http;
  if (!http) throw new Error(`operation ${op.name} has no route`);
  const template = fc.constantFrom(...http.paths);
  return template.chain((t) => {
    const { shape, array } = ownShape(op, t);
    const fields = fieldsArbitrary(shape, fixtures);
    const inBody = BODY_METHODS.has(http.method) || (http.method === 'DELETE' ? fc.boolean() : false);
    const asBody = (o: JsonObject) => (array ? `[${jsonText(o)}]` : jsonText(o));
    const padField = shape.fields.find((f) => f.kind === 'string')?.name ?? 'pad';
    const body = fc.oneof(
      { weight: 8, arbitrary: fields.map(asBody) },
      { weight: 2, arbitrary: oddBody },
      { weight: 1, arbitrary: sensibleObject(shape, fixtures).chain((o) => depthEdge(o, padField)) },
      { weight: 1, arbitrary: sensibleObject(shape, fixtures).chain((o) => sizeEdge(o, padField)) },
    );
    const query = fc.oneof({ weight: 4, arbitrary: fields.map(queryOf) }, { weight: 1, arbitrary: hostileQuery });
    const extraQuery = fc.option(hostileQuery, { freq: 5 });
    const parts = (typeof inBody === 'boolean' ? fc.constant(inBody) : inBody).chain((b) =>
      b
        ? fc.record({ body, query: extraQuery.map((q) => q ?? '') })
        : fc.record({ body: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('{}', '') }, { weight: 1, arbitrary: body }), query }),
    );
    return fc.tuple(pathArbitrary(op, t, fixtures), parts).map(([path, p]) => new FuzzRequest(http.method, p.query ? `${path}?${p.query}` : path, p.body));
  });
}
