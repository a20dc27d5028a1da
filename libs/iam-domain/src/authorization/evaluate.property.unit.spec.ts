// Property-based tests of policy evaluation with generated policies and requests.
import * as fc from 'fast-check';
import { OPERATION_NAMES, namesMatching } from './action-aliases.js';
import { actionMatches, evaluate, keyResourceUrn, type AccessRequest } from './evaluate.js';
import type { PolicyDocument, Statement } from '../index.js';

const SERVICES = ['kms', 'kps', 'csms', 'cts', 'iam', 'obs', 'rds', 'ecs'] as const;
const KNOWN_ACTIONS = [
  ...OPERATION_NAMES.flatMap((o) => [...o.names, ...(o.coveredBy ?? [])]),
  'kms:cmk:create', 'kms:cmk:get', 'kms:cmk:list', 'kms:cmk:update', 'kms:cmkTag:delete', 'kms:grant:create',
  'kps:tasks:list', 'kps:tasks:delete', 'csms:secret:create', 'csms:secret:get', 'cts:trace:list', 'iam:users:create',
];
const KEY_IDS = ['0d0466b0-e727-4d9c-b35d-f84bb474a37f', '7f3a0c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b', 'a1b2c3d4-0000-4000-8000-000000000001'];
const DOMAIN = '0123456789abcdef0123456789abcdef';

const serviceOf = (action: string) => action.split(':')[0] ?? '';
const word = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,7}$/);
const arbService = fc.constantFrom(...SERVICES);
const arbAction: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_ACTIONS),
  fc.tuple(arbService, word, word).map(([s, r, a]) => `${s}:${r}:${a}`),
);
const arbResource = fc.option(
  fc.tuple(fc.constantFrom('dew-local', 'cn-north-4'), fc.constantFrom(...KEY_IDS)).map(([region, key]) => keyResourceUrn(region, DOMAIN, key)),
  { nil: undefined },
);
const arbRequest: fc.Arbitrary<AccessRequest> = fc
  .tuple(arbAction, arbResource)
  .map(([action, resource]) => (resource === undefined ? { action } : { action, resource }));

/** A pattern that matches `action`: each part kept, `*`, or with one character made `?`, in random case. */
function matchingPattern(action: string): fc.Arbitrary<string> {
  const parts = action.split(':');
  const part = (p: string) =>
    fc.oneof(
      fc.constant(p),
      fc.constant('*'),
      fc.nat({ max: Math.max(p.length - 1, 0) }).map((i) => (p.length === 0 ? '*' : `${p.slice(0, i)}?${p.slice(i + 1)}`)),
      fc.nat({ max: p.length }).map((i) => `${p.slice(0, i)}*`),
    );
  return fc.tuple(...parts.map(part)).chain((ps) => fc.mixedCase(fc.constant(ps.join(':'))));
}

const arbPattern: fc.Arbitrary<string> = fc.oneof(arbAction, arbAction.chain(matchingPattern));
const arbKeyPattern = fc.oneof(fc.constantFrom(...KEY_IDS), fc.constant('*')).map((k) => `KMS:*:*:KeyId:${k}`);
const arbStatement: fc.Arbitrary<Statement> = fc
  .tuple(fc.constantFrom('Allow', 'Deny') as fc.Arbitrary<'Allow' | 'Deny'>, fc.array(arbPattern, { minLength: 1, maxLength: 4 }), fc.option(fc.array(arbKeyPattern, { minLength: 1, maxLength: 3 }), { nil: undefined }))
  .map(([Effect, Action, Resource]) => (Resource === undefined ? { Effect, Action } : { Effect, Action, Resource }));
const arbDocument: fc.Arbitrary<PolicyDocument> = fc.array(arbStatement, { minLength: 1, maxLength: 5 }).map((Statement) => ({ Version: '1.1', Statement }));
const arbDocuments = fc.array(arbDocument, { maxLength: 5 });

/** A Deny (or Allow) statement that matches the request: its action, and its key or none. */
function matchingStatement(request: AccessRequest, effect: 'Allow' | 'Deny'): fc.Arbitrary<Statement> {
  const resource = request.resource;
  const resources = resource === undefined ? fc.constant(undefined) : fc.option(fc.constant([`KMS:*:*:KeyId:${resource.split(':')[4] ?? ''}`]), { nil: undefined });
  return fc
    .tuple(matchingPattern(request.action), resources)
    .map(([pattern, Resource]) => (Resource === undefined ? { Effect: effect, Action: [pattern] } : { Effect: effect, Action: [pattern], Resource }));
}

/** Inserts the statement into document `at` (or as a new document past the end), at position `pos`. */
function inserted(docs: readonly PolicyDocument[], statement: Statement, at: number, pos: number): readonly PolicyDocument[] {
  if (at >= docs.length) return [...docs, { Version: '1.1', Statement: [statement] }];
  return docs.map((d, i) => {
    if (i !== at) return d;
    const s = [...d.Statement];
    s.splice(pos % (s.length + 1), 0, statement);
    return { ...d, Statement: s };
  });
}

describe('evaluate: properties', () => {
  it('(a) Deny precedence: any policy set plus a matching Deny statement anywhere → ExplicitDeny', () => {
    fc.assert(
      fc.property(
        arbDocuments,
        arbRequest.chain((r) => fc.tuple(fc.constant(r), matchingStatement(r, 'Deny'))),
        fc.nat(),
        fc.nat(),
        (docs, [request, denyStatement], at, pos) => {
          expect(evaluate(inserted(docs, denyStatement, at % (docs.length + 1), pos), request)).toBe('ExplicitDeny');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('(b) NoAllow by default: no statement names the action’s service → NoAllow (empty set too)', () => {
    fc.assert(
      fc.property(arbRequest, arbDocuments, (request, docs) => {
        const service = serviceOf(request.action);
        // Keep only patterns whose service part is a literal other service: they can never match.
        const others = docs
          .map((d) => ({ ...d, Statement: d.Statement.map((s) => ({ ...s, Action: s.Action.filter((p) => /^[a-z]+:/.test(p) && serviceOf(p) !== service) })).filter((s) => s.Action.length > 0) }))
          .filter((d) => d.Statement.length > 0);
        expect(evaluate(others, request)).toBe('NoAllow');
        expect(evaluate([], request)).toBe('NoAllow');
      }),
      { numRuns: 300 },
    );
  });

  it('(b) NoAllow by default: statements none of which matches the request → NoAllow', () => {
    fc.assert(
      fc.property(arbRequest, arbDocuments, (request, docs) => {
        const unmatched = docs
          .map((d) => ({ ...d, Statement: d.Statement.map((s) => ({ ...s, Action: s.Action.filter((p) => !actionMatches(p, request.action)) })).filter((s) => s.Action.length > 0) }))
          .filter((d) => d.Statement.length > 0);
        expect(evaluate(unmatched, request)).toBe('NoAllow');
      }),
    );
  });

  it('(c) wildcards: svc:*:* matches every action of that service and none of another', () => {
    fc.assert(
      fc.property(arbAction, arbService, (action, service) => {
        expect(actionMatches(`${service}:*:*`, action)).toBe(serviceOf(action) === service);
        expect(evaluate([{ Version: '1.1', Statement: [{ Effect: 'Allow', Action: [`${service}:*:*`] }] }], { action })).toBe(
          serviceOf(action) === service ? 'Allow' : 'NoAllow',
        );
      }),
      { numRuns: 300 },
    );
  });

  it('(c) wildcards: the action itself in any case, and * in each position, match', () => {
    const arbCased = arbAction.chain((a) => fc.tuple(fc.constant(a), fc.mixedCase(fc.constant(a))));
    fc.assert(
      fc.property(arbCased, ([action, cased]) => {
        const [s, r, a] = action.split(':');
        expect(actionMatches(action, action)).toBe(true);
        expect(actionMatches(cased, action)).toBe(true);
        expect(actionMatches(action, cased)).toBe(true);
        for (const pattern of ['*:*:*', `*:${r}:${a}`, `${s}:*:${a}`, `${s}:${r}:*`]) expect(actionMatches(pattern, action)).toBe(true);
      }),
    );
  });

  it('(c) wildcards: a pattern derived by wildcards from the action matches it', () => {
    const arbPair = arbAction.chain((a) => fc.tuple(fc.constant(a), matchingPattern(a)));
    fc.assert(fc.property(arbPair, ([action, pattern]) => expect(actionMatches(pattern, action)).toBe(true)), { numRuns: 300 });
  });

  it('(c) literal patterns: another action matches only when it names the same operation or a coarse name covering it', () => {
    const same = (x: string, y: string) => x.toLowerCase() === y.toLowerCase();
    const related = (pattern: string, action: string) =>
      OPERATION_NAMES.some((o) => o.names.some((n) => same(n, action)) && [...o.names, ...(o.coveredBy ?? [])].some((n) => same(n, pattern)));
    const arbNames = fc.constantFrom(...OPERATION_NAMES).map((o) => [...o.names, ...(o.coveredBy ?? [])]);
    const arbPair = fc.oneof(fc.tuple(arbAction, arbAction), arbNames.chain((names) => fc.tuple(fc.constantFrom(...names), fc.constantFrom(...names))));
    fc.assert(
      fc.property(arbPair, ([pattern, action]) => {
        expect(actionMatches(pattern, action)).toBe(same(pattern, action) || related(pattern, action));
        expect(namesMatching(action).includes(pattern.toLowerCase())).toBe(same(pattern, action) || related(pattern, action));
      }),
      { numRuns: 500 },
    );
  });

  it('(d) resource: Allow on KMS:*:*:KeyId:<id> → exactly requests on that key; never other keys, never without a resource', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), fc.boolean(), fc.constantFrom('dew-local', 'cn-north-4'), (id, other, same, region) => {
        const doc: PolicyDocument = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['kms:cmk:*'], Resource: [`KMS:*:*:KeyId:${id}`] }] };
        const key = same ? id : other;
        expect(evaluate([doc], { action: 'kms:cmk:get', resource: keyResourceUrn(region, DOMAIN, key) })).toBe(key === id ? 'Allow' : 'NoAllow');
        expect(evaluate([doc], { action: 'kms:cmk:get' })).toBe('NoAllow');
      }),
      { numRuns: 300 },
    );
  });

  it('(e) order independence: shuffling statements and policies never changes the decision', () => {
    const arbShuffled = arbDocuments.chain((docs) =>
      fc.tuple(
        fc.constant(docs),
        fc
          .tuple(...docs.map((d) => fc.shuffledSubarray([...d.Statement], { minLength: d.Statement.length, maxLength: d.Statement.length })))
          .map((statements) => docs.map((d, i) => ({ ...d, Statement: statements[i] ?? d.Statement })))
          .chain((reordered) => fc.shuffledSubarray(reordered, { minLength: reordered.length, maxLength: reordered.length })),
      ),
    );
    fc.assert(
      fc.property(arbShuffled, arbRequest, ([docs, shuffled], request) => {
        expect(evaluate(shuffled, request)).toBe(evaluate(docs, request));
      }),
      { numRuns: 300 },
    );
  });

  it('(e) adding a matching Allow never turns ExplicitDeny into anything else', () => {
    fc.assert(
      fc.property(arbDocuments, arbRequest.chain((r) => fc.tuple(fc.constant(r), matchingStatement(r, 'Allow'))), (docs, [request, allowStatement]) => {
        const before = evaluate(docs, request);
        const after = evaluate([...docs, { Version: '1.1', Statement: [allowStatement] }], request);
        expect(after).toBe(before === 'ExplicitDeny' ? 'ExplicitDeny' : 'Allow');
      }),
    );
  });
});
