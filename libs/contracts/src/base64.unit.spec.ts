import fc from 'fast-check';
import { DewError } from './errors.js';
import { base64Field, canonicalBase64 } from './base64.js';

describe('canonicalBase64', () => {
  it('decodes canonical base64 of any bytes (round trip)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(canonicalBase64(Buffer.from(bytes).toString('base64'))).toEqual(Buffer.from(bytes));
      }),
    );
  });

  it.each([
    ['characters outside the alphabet', '%%%%'],
    ['a stray character among valid ones', 'AAAA%AAA'],
    ['missing padding', 'AAA'],
    ['padding in the middle', 'AA==AAAA'],
    ['three padding characters', 'A==='],
    ['non-zero pad bits', 'AB=='],
    ['whitespace', 'AAAA AAA'],
    ['a line break', 'AAAA\nAAA'],
    ['the URL-safe alphabet', '-_-_'],
  ])('refuses %s (%j)', (_why, text) => {
    expect(canonicalBase64(text)).toBeUndefined();
  });

  it('the empty text is the empty value', () => {
    expect(canonicalBase64('')).toEqual(Buffer.alloc(0));
  });
});

describe('base64Field', () => {
  it('refuses with the given code, naming the field and the length but not the text', () => {
    let refused: unknown;
    try {
      base64Field('secret_binary', '%%%%', 'CSMS.0002');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(DewError);
    expect(refused).toMatchObject({ code: 'CSMS.0002', status: 400 });
    expect((refused as DewError).message).toBe('secret_binary must be base64 (standard alphabet, padded with =), got 4 characters that are not');
  });
});
