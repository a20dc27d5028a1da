/**
 * A minimal strict DER reader: just enough to take apart the SubjectPublicKeyInfo and PKCS#8
 * structures of EC keys (./ec-agreement.ts). Definite lengths only; anything else is malformed.
 */
export interface DerElement {
  readonly tag: number;
  readonly body: Buffer;
}

/** The elements one after another in `bytes`, or null when any is malformed or bytes are left over. */
export function derElements(bytes: Buffer): DerElement[] | null {
  const out: DerElement[] = [];
  let at = 0;
  while (at < bytes.length) {
    const tag = bytes[at]!;
    const head = derLength(bytes, at + 1);
    if (head === null || head.start + head.length > bytes.length) return null;
    out.push({ tag, body: bytes.subarray(head.start, head.start + head.length) });
    at = head.start + head.length;
  }
  return out;
}

/** The one element of `bytes` with tag `tag` (no trailing bytes), or null. */
export function derOne(bytes: Buffer, tag: number): Buffer | null {
  const all = derElements(bytes);
  return all?.length === 1 && all[0]!.tag === tag ? all[0]!.body : null;
}

function derLength(bytes: Buffer, at: number): { start: number; length: number } | null {
  const first = bytes[at];
  if (first === undefined) return null;
  if (first < 0x80) return { start: at + 1, length: first };
  const count = first & 0x7f;
  if (count === 0 || count > 3 || at + count >= bytes.length) return null;
  let length = 0;
  for (let i = 1; i <= count; i++) length = length * 256 + bytes[at + i]!;
  // DER: the shortest form, so a long form always needs it.
  if (length < 0x80 || bytes[at + 1] === 0) return null;
  return { start: at + 1 + count, length };
}

/** An OBJECT IDENTIFIER's body in dotted form. */
export function oidText(body: Buffer): string {
  const parts: number[] = [];
  let value = 0;
  for (const byte of body) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}
