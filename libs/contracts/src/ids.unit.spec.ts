import { ID_FORMATS, isWellFormedId, malformedIdMessage, type IdFormat } from './ids.js';
import { validateBody } from './validation.js';
import { DecryptDataRequest, KeyOpRequest } from './kms/requests.js';

const KEY_ID = '0a1b2c3d-0000-4000-8000-00000000000a';

const WELL_FORMED: Record<IdFormat, readonly string[]> = {
  uuid: [KEY_ID],
  hex32: ['0123456789abcdef0123456789abcdef'],
  secretVersion: ['v1', 'v123456789', 'latest'],
  accessKey: ['ABCDEFGHIJ0123456789'],
};
const MALFORMED: Record<IdFormat, readonly string[]> = {
  uuid: ['not-a-uuid', '', KEY_ID.toUpperCase(), `${KEY_ID}0`, KEY_ID.replace(/-/g, ''), '../0a1b2c3d-0000-4000-8000-00000000000a'],
  hex32: ['', 'g123456789abcdef0123456789abcdef', '0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef0123456789abcde'],
  secretVersion: ['', 'v0', '1', 'V1', 'v01', 'v1234567890', 'LATEST', 'v1 '],
  accessKey: ['', 'abcdefghij0123456789', 'ABCDEFGHIJ012345678', 'ABCDEFGHIJ0123456789X'],
};

describe('id formats', () => {
  for (const format of Object.keys(ID_FORMATS) as IdFormat[]) {
    it(`${format}: the ids DEW issues are well-formed`, () => {
      for (const id of WELL_FORMED[format]) expect(isWellFormedId(format, id)).toBe(true);
    });
    it(`${format}: anything else is malformed`, () => {
      for (const id of MALFORMED[format]) expect(isWellFormedId(format, id)).toBe(false);
    });
  }
  it('the refusal text names the field, the format and the value, cut to 64 characters', () => {
    expect(malformedIdMessage('key_id', 'uuid', 'x'.repeat(100))).toBe(`key_id must be ${ID_FORMATS.uuid.text}, got "${'x'.repeat(64)}"`);
  });
});

describe('a key id in a KMS request', () => {
  it('malformed: KMS.0205 naming key_id and the value', () => {
    expect(() => validateBody(KeyOpRequest, { key_id: 'not-a-uuid' })).toThrow(
      expect.objectContaining({ code: 'KMS.0205', status: 400, message: expect.stringMatching(/key_id must be a lower-case UUID.*"not-a-uuid"/) }),
    );
  });
  it('missing: KMS.0204 (required), not KMS.0205', () => {
    expect(() => validateBody(KeyOpRequest, {})).toThrow(expect.objectContaining({ code: 'KMS.0204', message: 'key_id is required' }));
  });
  it('not a string: refused with 400', () => {
    expect(() => validateBody(KeyOpRequest, { key_id: 5 })).toThrow(expect.objectContaining({ status: 400 }));
  });
  it('well-formed: accepted; an optional key id may be absent', () => {
    expect(validateBody(KeyOpRequest, { key_id: KEY_ID }).key_id).toBe(KEY_ID);
    expect(validateBody(DecryptDataRequest, { cipher_text: 'x' }).key_id).toBeUndefined();
    expect(() => validateBody(DecryptDataRequest, { cipher_text: 'x', key_id: 'nope' })).toThrow(expect.objectContaining({ code: 'KMS.0205' }));
  });
});
