import { decodeRecord, encodeRecord, type MirrorRecord } from './mirror-record.js';

test('a mirror record keeps its token tag through the stream: system, kms, or none (the application token)', () => {
  const records: MirrorRecord[] = [
    { op: 'destroy', keyId: 'a'.repeat(32) },
    { token: 'system', op: 'destroy', keyId: 'b'.repeat(32) },
    { token: 'kms', op: 'put', key: { id: 'c'.repeat(32), label: 'k', type: 'AES_256', wrapped: Buffer.from('wrapped') }, requestId: 'r1' },
  ];
  for (const r of records) expect(decodeRecord(encodeRecord(r))).toEqual(r);
});
