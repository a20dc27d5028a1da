import { canonicalMagnitude } from './wire.js';

/**
 * Just enough DER for DSA keys, which node:crypto cannot export as JWK: the parts of a DSA
 * SubjectPublicKeyInfo and OpenSSL's "DSA PRIVATE KEY" sequence (docs/ssh-keys.md, "Formats").
 * It reads only what node:crypto itself exported, so a surprise there is a bug, not a caller's mistake.
 */
export function derInteger(magnitude: Buffer): Buffer {
  const body = canonicalMagnitude(magnitude);
  return tlv(0x02, body.length === 0 ? Buffer.of(0) : body);
}

export function derSequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function tlv(tag: number, body: Buffer): Buffer {
  if (body.length < 0x80) return Buffer.concat([Buffer.of(tag, body.length), body]);
  const length: number[] = [];
  for (let n = body.length; n > 0; n = Math.floor(n / 256)) length.unshift(n % 256);
  return Buffer.concat([Buffer.of(tag, 0x80 | length.length, ...length), body]);
}

export class DerReader {
  private at = 0;

  constructor(private readonly bytes: Buffer) {}

  sequence(): DerReader {
    return new DerReader(this.next(0x30));
  }

  /** The magnitude of a non-negative INTEGER, without the sign byte. */
  integer(): Buffer {
    const body = this.next(0x02);
    return body.length > 1 && body[0] === 0 ? body.subarray(1) : body;
  }

  /** The content of a BIT STRING with no unused bits. */
  bitString(): Buffer {
    const body = this.next(0x03);
    if (body[0] !== 0) throw unexpected();
    return body.subarray(1);
  }

  skip(): void {
    this.next(this.bytes[this.at] ?? -1);
  }

  private next(tag: number): Buffer {
    if (this.bytes[this.at] !== tag) throw unexpected();
    const first = this.bytes[this.at + 1];
    if (first === undefined) throw unexpected();
    let start = this.at + 2;
    let length = first;
    if (first & 0x80) {
      const count = first & 0x7f;
      if (count === 0 || count > 3) throw unexpected();
      length = this.bytes.subarray(start, start + count).readUIntBE(0, count);
      start += count;
    }
    if (start + length > this.bytes.length) throw unexpected();
    this.at = start + length;
    return this.bytes.subarray(start, start + length);
  }
}

function unexpected(): Error {
  return new Error('internal: node:crypto exported DER this reader does not know');
}
