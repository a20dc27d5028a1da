import { auditMessageText, auditRecordsOf, type AuditRecord } from './audit.js';

const rec = (id: string) => ({ trace_id: id, trace_name: 'encryptData' }) as unknown as AuditRecord;

describe('AUDIT message bodies (auditMessageText / auditRecordsOf)', () => {
  it('one record is written as the record itself, as every message before batching was, and read back as one', () => {
    const text = auditMessageText([JSON.stringify(rec('a'))]);
    expect(JSON.parse(text)).toEqual(rec('a'));
    expect(auditRecordsOf(text)).toEqual([rec('a')]);
  });

  it('several records are written as a JSON array and read back in order', () => {
    const text = auditMessageText(['a', 'b', 'c'].map((id) => JSON.stringify(rec(id))));
    expect(auditRecordsOf(text).map((r) => r.trace_id)).toEqual(['a', 'b', 'c']);
  });

  it('a body that is neither a record nor an array of records is refused', () => {
    for (const body of ['"text"', '42', 'null']) expect(() => auditRecordsOf(body)).toThrow('an AUDIT message holds a record or an array of records');
  });
});
