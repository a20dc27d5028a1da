import { DewError } from './errors.js';
import { decodeJsonBody, jsonNestingDepth, MAX_JSON_BYTES, MAX_JSON_DEPTH } from './json-limits.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const depthOf = (text: string) => jsonNestingDepth(bytes(text));
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

function refusalOf(text: string | Uint8Array, code: 'KMS.0202' | 'CSMS.0002' | 'IAM.0001' = 'KMS.0202'): DewError {
  try {
    decodeJsonBody(typeof text === 'string' ? bytes(text) : text, code);
  } catch (err) {
    if (err instanceof DewError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('jsonNestingDepth', () => {
  it('counts objects and arrays alike; scalars are depth 0', () => {
    expect(depthOf('1')).toBe(0);
    expect(depthOf('"x"')).toBe(0);
    expect(depthOf('{}')).toBe(1);
    expect(depthOf('{"a":[{"b":[]}]}')).toBe(4);
    expect(depthOf('[[],[[]],[]]')).toBe(3);
  });

  it('brackets inside strings do not count', () => {
    expect(depthOf(`{"a":"${'['.repeat(100)}{{{"}`)).toBe(1);
  });

  it('an escaped quote does not end a string; an escaped backslash before a quote does', () => {
    expect(depthOf('{"a":"\\"[[[[","b":1}')).toBe(1);
    expect(depthOf('{"a":"\\\\",  "b":[[1]]}')).toBe(3);
  });

  it('multi-byte UTF-8 in strings and keys does not disturb the count', () => {
    expect(depthOf('{"密钥":["€𝄞",{"ü":[]}]}')).toBe(4);
  });

  it('10,000 nested levels are measured without recursion', () => {
    expect(depthOf(nested(10_000))).toBe(10_000);
  });
});

describe('decodeJsonBody', () => {
  it(`exactly ${MAX_JSON_DEPTH} levels parse; one more is refused with the given code, naming the limit and the depth`, () => {
    expect(decodeJsonBody(bytes(nested(MAX_JSON_DEPTH)), 'KMS.0202')).toEqual(JSON.parse(nested(MAX_JSON_DEPTH)));
    const refused = refusalOf(nested(MAX_JSON_DEPTH + 1), 'CSMS.0002');
    expect(refused).toMatchObject({ code: 'CSMS.0002', status: 400 });
    expect(refused.message).toContain(`at most ${MAX_JSON_DEPTH} levels`);
    expect(refused.message).toContain(`got ${MAX_JSON_DEPTH + 1}`);
  });

  it(`a body of ${MAX_JSON_BYTES} bytes parses; one byte more is refused with 400 naming both sizes`, () => {
    const exact = `"${'a'.repeat(MAX_JSON_BYTES - 2)}"`;
    expect(decodeJsonBody(bytes(exact), 'IAM.0001')).toHaveLength(MAX_JSON_BYTES - 2);
    const refused = refusalOf(`"${'a'.repeat(MAX_JSON_BYTES - 1)}"`, 'IAM.0001');
    expect(refused).toMatchObject({ code: 'IAM.0001', status: 400 });
    expect(refused.message).toBe(`request body must be at most ${MAX_JSON_BYTES} bytes, got ${MAX_JSON_BYTES + 1}`);
  });

  it('many brackets side by side or inside strings, none deep: parsed', () => {
    const wide = `[${Array.from({ length: 100 }, () => '{"a":[]}').join(',')}]`;
    expect(decodeJsonBody(bytes(wide), 'KMS.0202')).toHaveLength(100);
    expect(decodeJsonBody(bytes(JSON.stringify({ text: '[{'.repeat(100) })), 'KMS.0202')).toEqual({ text: '[{'.repeat(100) });
  });

  it('a view into a larger buffer: only its own bytes count, deep nesting inside it still refused', () => {
    const around = bytes(`${'['.repeat(100)}{"ok":true}${']'.repeat(100)}`);
    expect(decodeJsonBody(around.subarray(100, 111), 'KMS.0202')).toEqual({ ok: true });
    const deep = bytes(` ${nested(MAX_JSON_DEPTH + 1)} `);
    expect(() => decodeJsonBody(deep.subarray(1, deep.length - 1), 'KMS.0202')).toThrow(`got ${MAX_JSON_DEPTH + 1}`);
  });

  it('malformed JSON is refused without echoing the input', () => {
    const secretish = 'hunter2-do-not-echo';
    const refused = refusalOf(`{"secret_string":"${secretish}"`);
    expect(refused).toMatchObject({ code: 'KMS.0202', status: 400 });
    expect(refused.message).toMatch(/^request body is not valid JSON/);
    expect(refused.message).not.toContain(secretish);
    expect(refusalOf(`${secretish}`).message).not.toContain(secretish);
  });
});
