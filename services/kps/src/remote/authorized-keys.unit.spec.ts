import fc from 'fast-check';
import {
  NotAnAuthorizedKeyLine,
  addAuthorizedKey,
  authorizedKeysEdit,
  keyOfAuthorizedLine,
  removeAuthorizedKey,
} from './authorized-keys.js';
import { fakePublicKey } from './fixtures.spec.js';

const KEY = fakePublicKey(1);
const OTHER = fakePublicKey(2);
const THIRD = fakePublicKey(3, 'ecdsa-sha2-nistp256');

// Lines an editor must leave alone: a comment quoting the key, a blank line, a CRLF line, options
// with blanks inside quotes (one of them naming the key), text that is not a key, non-ASCII.
const UNTOUCHED = [
  `# was: ${KEY} old laptop`,
  '',
  `${OTHER} alice@host\r`,
  `from="10.0.0.1",command="echo ${KEY} a b" ${THIRD} bob`,
  'not a key at all',
  `${fakePublicKey(4)} é ü — comment`,
];

describe('keyOfAuthorizedLine', () => {
  it('finds the key after an options field whose quoted values hold blanks and escaped quotes', () => {
    const line = `  command="echo \\"x y\\"",no-pty ${KEY} me`;
    expect(keyOfAuthorizedLine(line)).toEqual(keyOfAuthorizedLine(KEY));
  });

  it('finds no key in a comment line or a blank line', () => {
    expect(keyOfAuthorizedLine(`# ${KEY}`)).toBeUndefined();
    expect(keyOfAuthorizedLine('   ')).toBeUndefined();
  });
});

describe('addAuthorizedKey', () => {
  it('on an empty file gives the line and a final newline', () => {
    expect(addAuthorizedKey('', `${KEY} me`)).toBe(`${KEY} me\n`);
  });

  it('appends after every other line, each kept byte for byte', () => {
    const text = `${UNTOUCHED.join('\n')}\n`;
    expect(addAuthorizedKey(text, `${KEY} me`)).toBe(`${text}${KEY} me\n`);
  });

  it('ends a file that lacked a final newline before appending', () => {
    expect(addAuthorizedKey(OTHER, KEY)).toBe(`${OTHER}\n${KEY}\n`);
  });

  it('leaves the file as it is when the key is there with another comment or with options', () => {
    const withComment = `${OTHER}\n${KEY} old comment\n`;
    const withOptions = `no-port-forwarding,from="1.2.3.4" ${KEY}\n`;
    expect(addAuthorizedKey(withComment, `${KEY} new comment`)).toBe(withComment);
    expect(addAuthorizedKey(withOptions, KEY)).toBe(withOptions);
  });

  it('refuses text holding two lines, and text without a key, with a message that quotes neither', () => {
    for (const line of [`${KEY}\n${OTHER}`, `${KEY}\rcommand="sh" ${OTHER}`, 'ssh-ed25519 not-base64']) {
      const refusal = thrownBy(() => addAuthorizedKey('', line));
      expect(refusal).toBeInstanceOf(NotAnAuthorizedKeyLine);
      expect(refusal.message).not.toMatch(/ssh-ed25519|AAAA|base64/);
    }
  });
});

describe('removeAuthorizedKey', () => {
  it('takes out every line with the key, whatever its options, comment or indentation', () => {
    const lines = [UNTOUCHED[0], `${KEY} a`, UNTOUCHED[2], `no-pty ${KEY}`, UNTOUCHED[3], `  ${KEY}\r`, UNTOUCHED[4]];
    expect(removeAuthorizedKey(`${lines.join('\n')}\n`, `${KEY} any comment`)).toBe(
      `${[UNTOUCHED[0], UNTOUCHED[2], UNTOUCHED[3], UNTOUCHED[4]].join('\n')}\n`,
    );
  });

  it('leaves an empty file when the key was the only line', () => {
    expect(removeAuthorizedKey(`${KEY}\n`, KEY)).toBe('');
  });

  it('refuses a key text that is not a public key', () => {
    expect(() => removeAuthorizedKey(`${KEY}\n`, 'ssh-ed25519')).toThrow(NotAnAuthorizedKeyLine);
  });
});

describe('authorizedKeysEdit', () => {
  it('replaces: the old key goes, the new one is appended, other lines stay', () => {
    const edit = authorizedKeysEdit({ add: `${OTHER} new`, remove: KEY });
    expect(edit(`${THIRD}\n${KEY} old\n`)).toBe(`${THIRD}\n${OTHER} new\n`);
  });

  it('with the same key to remove and to add ends with the line to add, once', () => {
    const edit = authorizedKeysEdit({ add: `no-pty ${KEY} new`, remove: KEY });
    expect(edit(`${KEY} old\n${OTHER}\n`)).toBe(`${OTHER}\nno-pty ${KEY} new\n`);
  });

  it('checks both keys when made, before any file is read', () => {
    expect(() => authorizedKeysEdit({ add: KEY, remove: 'nonsense' })).toThrow(NotAnAuthorizedKeyLine);
    expect(() => authorizedKeysEdit({ add: 'nonsense' })).toThrow(NotAnAuthorizedKeyLine);
  });

  it('for any other lines: adding is idempotent and removing afterwards restores them', () => {
    const otherLine = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', ' ', '#', '"', '=', ',', '\r', 'é', 'ssh-ed25519', 'A') }),
      fc.integer({ min: 2, max: 200 }).map((seed) => `${fakePublicKey(seed)} c${seed}`),
    );
    fc.assert(
      fc.property(fc.array(otherLine, { maxLength: 8 }), (lines) => {
        const text = lines.length === 0 ? '' : `${lines.join('\n')}\n`;
        const added = addAuthorizedKey(text, `${KEY} me`);
        expect(addAuthorizedKey(added, KEY)).toBe(added);
        expect(added.split('\n').filter((l) => keyOfAuthorizedLine(l)?.base64 === KEY.split(' ')[1])).toHaveLength(1);
        expect(removeAuthorizedKey(added, KEY)).toBe(text);
      }),
    );
  });
});

function thrownBy(act: () => unknown): Error {
  try {
    act();
  } catch (err) {
    return err as Error;
  }
  throw new Error('nothing was thrown');
}
