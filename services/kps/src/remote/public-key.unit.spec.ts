import { fakePublicKey } from './fixtures.spec.js';
import { formatPublicKey, parsePublicKey, publicKeyOfBlob, samePublicKey } from './public-key.js';

describe('parsePublicKey', () => {
  it('reads type and base64 of "type base64 comment" and leaves the comment out', () => {
    const [type, base64] = fakePublicKey(1).split(' ');
    expect(parsePublicKey(`${type} ${base64} someone@somewhere`)).toEqual({ type, base64 });
  });

  it('refuses a type that is not the name inside the blob', () => {
    const [, base64] = fakePublicKey(1, 'ssh-ed25519').split(' ');
    expect(parsePublicKey(`ssh-rsa ${base64}`)).toBeUndefined();
  });

  it('refuses text that is not type and base64 (an options field, a bare name, broken base64)', () => {
    const [type, base64] = fakePublicKey(1).split(' ');
    expect(parsePublicKey(`no-pty ${type} ${base64}`)).toBeUndefined();
    expect(parsePublicKey(type as string)).toBeUndefined();
    expect(parsePublicKey(`${type} ${base64}!`)).toBeUndefined();
  });
});

describe('publicKeyOfBlob', () => {
  it('gives the same key as the base64 text of that blob', () => {
    const text = fakePublicKey(7, 'ecdsa-sha2-nistp256');
    const blob = Buffer.from(text.split(' ')[1] as string, 'base64');
    const key = publicKeyOfBlob(blob);
    expect(key && formatPublicKey(key)).toBe(text);
  });

  it('refuses a blob too short to hold a name and a body', () => {
    expect(publicKeyOfBlob(Buffer.from([0, 0, 0, 11, 0x73]))).toBeUndefined();
  });
});

describe('samePublicKey', () => {
  it('tells keys apart by their bytes and ignores comments', () => {
    const a = parsePublicKey(`${fakePublicKey(1)} a`);
    const aAgain = parsePublicKey(`${fakePublicKey(1)} other comment`);
    const b = parsePublicKey(fakePublicKey(2));
    expect(a && aAgain && samePublicKey(a, aAgain)).toBe(true);
    expect(a && b && samePublicKey(a, b)).toBe(false);
  });
});
