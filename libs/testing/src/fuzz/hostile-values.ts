import fc from 'fast-check';

/** JSON text written as is: numbers JavaScript cannot hold (1e309, 2^53 + 1), nesting built as text. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a value that may hold RawJson parts. */
export function jsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Arrays nested `levels` deep (one level per bracket pair). */
export const nestedArrays = (levels: number): RawJson => new RawJson(`${'['.repeat(levels)}${']'.repeat(levels)}`);

export const VERY_LONG_ID = 10_000;

/** Numbers at the edges of every integer type and of JSON itself (docs/input-limits.md, "Fuzzing"). */
const BOUNDARY_NUMBERS = [
  '0', '-0', '-1', '1.5', '2147483647', '2147483648', '-2147483649', '4294967296',
  '9007199254740991', '9007199254740993', '1e309', '-1e309', '1e-400', '123456789012345678901234567890',
].map((t) => new RawJson(t));

/** Strings a number field might be handed, and text that looks like a number. */
const NUMBERISH = ['NaN', 'Infinity', '-Infinity', '1e309', '0x1f', '１２', ' 1', '1 ', '', '-0', '2147483648', '9007199254740993', 'null', 'true'];

/** Lone surrogates (JSON.stringify writes them as \ud800 escapes), control and invisible characters. */
const AWKWARD_TEXT = [
  '\ud800', 'a\udfffb', '\udc00\ud800', '\u0000', 'a\u0000b', '\u0007\u001b[2J', '\r\n', '\u007f', '\u2028\u2029',
  '\u202e', '\u200b', '\ufeff', '\uffff', '😀', 'e\u0301', '../../../etc/passwd', '%2F', '%00', '%', '__proto__', 'constructor',
  '${jndi:ldap://x}', '<script>', "'\"--", '{{7*7}}', ' ', '\t',
];

const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Strings no field expects: unicode, control characters, lone surrogates, very long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...AWKWARD_TEXT, ...NUMBERISH),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.oneof(controlChar, loneSurrogate, fc.constantFrom('a', '"', '\\', '/')), maxLength: 30 }),
  fc.constantFrom(VERY_LONG_ID, 65_536).map((n) => 'x'.repeat(n)),
);

/** Values of the wrong type for any field, and numbers at their edges. */
export const wrongTypeValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, [], {}, [[]], [null], { a: 1 }, ['x'], [{}]),
  fc.constantFrom(...BOUNDARY_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A value nested `levels` deep below the field holding it, at the depth limit's two edges. */
export const deepValue = (fieldDepth: number, limit: number): fc.Arbitrary<unknown> =>
  fc.integer({ min: limit - fieldDepth - 1, max: limit - fieldDepth + 2 }).filter((n) => n >= 1).map(nestedArrays);

/** Any hostile value for a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 3, arbitrary: wrongTypeValue },
  { weight: 1, arbitrary: fc.constantFrom(nestedArrays(40), new RawJson(`{"a":${'{"a":'.repeat(20)}1${'}'.repeat(20)}}`)) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) },
);

/** Keys no DTO declares (or declares elsewhere). */
export const extraKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'project_id', 'domain_id', 'sequence', '', ' ', '\u0000', '\ud800', 'x'.repeat(VERY_LONG_ID)),
  fc.string({ maxLength: 12 }),
);
