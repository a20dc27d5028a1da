/** Message helpers for refusals: show what was wrong without echoing unbounded input. */

/** The input as a JSON string literal, cut to 64 characters. */
export function quote(value: unknown): string {
  const s = typeof value === 'string' ? value : String(value);
  const cut = [...s].length > 64 ? `${[...s].slice(0, 61).join('')}...` : s;
  return JSON.stringify(cut);
}

/** Length in characters (code points), as users count them. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Length in UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The first character not matched by `allowed` (a one-character class) and its 1-based position. */
export function firstBadChar(s: string, allowed: RegExp): { char: string; position: number } | undefined {
  let position = 0;
  for (const char of s) {
    position++;
    if (!allowed.test(char)) return { char, position };
  }
  return undefined;
}
