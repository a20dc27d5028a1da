import fc from 'fast-check';
import type { AuditRecord } from '@dew/contracts';
import { canonicalJson } from '@dew/event-sourcing';
import { auditTraceCanonicalText } from './audit-trace-text.js';
import { fromAuditRecord, traceDoc } from './to-traces.js';

/** What the replay digested before the writer: the trace document through the general canonical JSON. */
const general = (record: AuditRecord): string => canonicalJson(traceDoc(fromAuditRecord(record, 0).trace));

/** The writer's text, or the error it throws: the same as the general path's, whichever it is. */
const outcome = (write: (r: AuditRecord) => string, r: AuditRecord): string => {
  try {
    return `text ${write(r)}`;
  } catch (err) {
    return `error ${String(err)}`;
  }
};

/** Strings of every kind: any code unit (control characters, quotes, backslashes, lone surrogates), any code point, or empty. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\u0000', '\u001f', '\u2028', '\ud800', '\udfff', '\u007f', '/', 'é', '𝄞', 'a') }),
  fc.constant(''),
  fc.constant('system'),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const oddValue = fc.oneof({ weight: 6, arbitrary: oddString }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });

const record = fc.record({
  trace_id: oddValue, trace_name: oddString, trace_rating: fc.constantFrom('normal', 'warning', 'incident'), trace_type: fc.oneof(fc.constantFrom('ApiCall', 'ConsoleAction', 'SystemAction'), oddString),
  service_type: oddValue, resource_type: fc.oneof(fc.constantFrom('cmk', 'secret', 'user', 'group', 'policy', 'credential', 'project', 'domain'), oddString),
  resource_id: oddValue, resource_name: oddValue, code: oddValue,
  user: fc.record({
    id: fc.oneof(oddString, fc.constant('system'), fc.constant(''), fc.jsonValue({ maxDepth: 1 })), name: oddValue,
    domain: fc.record({ id: oddValue, name: maybe(oddValue) }, { requiredKeys: ['id'] }),
    access_key_id: maybe(oddValue), root_user: maybe(fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 }))),
  }, { requiredKeys: ['id', 'name', 'domain'] }),
  source_ip: oddValue, request: fc.dictionary(oddString, oddString, { maxKeys: 4 }), time: fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.double()),
  request_id: oddValue, api_version: oddValue, project_id: fc.oneof(oddString, fc.constant('')),
  response: maybe(oddValue), message: maybe(oddValue), location_info: maybe(oddValue), endpoint: maybe(oddValue),
  enterprise_project_id: maybe(oddValue), read_only: maybe(fc.oneof(fc.boolean(), fc.jsonValue({ maxDepth: 1 }))),
  // Keys fromAuditRecord sets or drops itself: a record's own value must not show through.
  resource_url: maybe(oddString), operation_id: maybe(oddString), record_time: maybe(fc.integer()),
}, { requiredKeys: ['trace_id', 'trace_name', 'trace_rating', 'trace_type', 'service_type', 'resource_type', 'resource_id', 'resource_name', 'code', 'user', 'source_ip', 'request', 'time', 'request_id', 'api_version', 'project_id'] });

/** As the replay sees a record: parsed from its JSON text (undefined fields gone, -0 and non-finite numbers as JSON has them). */
const parsed = (r: unknown): AuditRecord => JSON.parse(JSON.stringify(r)) as AuditRecord;

describe('auditTraceCanonicalText (the replay\'s writer for an AUDIT record\'s trace)', () => {
  it('any record with odd strings, odd value types and optional fields present or missing: byte for byte the canonical JSON of its trace document', () => {
    fc.assert(fc.property(record, (r) => {
      const rec = parsed(r);
      expect(outcome(auditTraceCanonicalText, rec)).toBe(outcome(general, rec));
    }), { numRuns: 2000 });
  });

  it('records with keys fromAuditRecord does not know (kept in the trace, __proto__, integer-like, toJSON among them): the same text as the general path', () => {
    const extraKey = fc.oneof(oddString, fc.constantFrom('__proto__', '0', '42', 'toJSON', 'a', 'zzz', 'user_name'));
    fc.assert(fc.property(record, fc.array(fc.tuple(extraKey, fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }), (r, extra) => {
      // Written as text, so `__proto__` is a key of the parsed record as it would be in a stored one.
      const rec = JSON.parse(`{${extra.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')},${JSON.stringify(r).slice(1)}`) as AuditRecord;
      expect(outcome(auditTraceCanonicalText, rec)).toBe(outcome(general, rec));
    }), { numRuns: 1000 });
  });

  it('a kms encrypt-data record, a console action of a root user and a refusal before authentication: the texts of their traces', () => {
    const base = {
      trace_id: 't-1', trace_name: 'encryptData', trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk', resource_id: 'k1', resource_name: 'alias',
      code: '200', user: { id: 'u1', name: 'alice', domain: { id: 'd1', name: 'acme' }, access_key_id: 'AK1', root_user: true }, source_ip: '127.0.0.1', request: { key_id: 'k1' },
      time: 1_700_000_000_000, request_id: 'r1', api_version: 'v1.0', project_id: 'p1',
    } as const;
    const console = { ...base, trace_type: 'ConsoleAction', response: '{"a":"\\"q\\""}', message: 'bad\n"x"', enterprise_project_id: 'ep-1' } as const;
    const refused = { ...base, user: { id: '', name: 'claimed', domain: { id: 'd1' }, access_key_id: 'AKX', root_user: true }, project_id: '' } as const;
    for (const r of [base, console, refused]) expect(auditTraceCanonicalText(r as AuditRecord)).toBe(general(r as AuditRecord));
    expect(JSON.parse(auditTraceCanonicalText(console as AuditRecord))).toMatchObject({ user: { invoked_by: ['service.console'], principal_is_root_user: 'true' }, enterprise_project_id: 'ep-1' });
    expect(JSON.parse(auditTraceCanonicalText(refused as AuditRecord))).toMatchObject({ user: { type: 'Anonymous', access_key_id: '', principal_urn: '' }, enterprise_project_id: '' });
  });
});
