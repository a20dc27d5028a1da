import { SshKeyProblem } from './problems.js';

/**
 * The SSH wire encoding (docs/ssh-keys.md, "Formats"): uint32, string and mpint. Only the
 * canonical form is read: an mpint is positive or zero with no redundant leading byte, as OpenSSH
 * writes it, so one key has one encoding and one fingerprint.
 */
export class SshReader {
  private at = 0;

  /** `what` names the structure in messages, e.g. "ssh-rsa key data". */
  constructor(
    private readonly bytes: Buffer,
    private readonly what: string,
  ) {}

  uint32(field: string): number {
    this.need(4, field);
    const value = this.bytes.readUInt32BE(this.at);
    this.at += 4;
    return value;
  }

  string(field: string): Buffer {
    const length = this.uint32(`the length of ${field}`);
    this.need(length, field);
    const value = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return value;
  }

  /** A string holding a name or a comment. */
  text(field: string): string {
    return this.string(field).toString('utf8');
  }

  /** The unsigned big-endian magnitude of a non-negative mpint, without leading zero bytes. */
  mpint(field: string): Buffer {
    const raw = this.string(field);
    if (raw.length === 0) return raw;
    if (raw[0]! & 0x80) throw new SshKeyProblem('BAD_INTEGER', `${this.what}: ${field} is negative`);
    if (raw[0] === 0 && (raw.length === 1 || !(raw[1]! & 0x80))) {
      throw new SshKeyProblem('BAD_INTEGER', `${this.what}: ${field} has a redundant leading zero byte`);
    }
    return raw[0] === 0 ? raw.subarray(1) : raw;
  }

  /** Whatever the fields leave: padding, say. */
  rest(): Buffer {
    const value = this.bytes.subarray(this.at);
    this.at = this.bytes.length;
    return value;
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  end(): void {
    if (this.remaining > 0) {
      const bytes = this.remaining === 1 ? '1 byte follows' : `${this.remaining} bytes follow`;
      throw new SshKeyProblem('TRAILING_DATA', `${this.what}: ${bytes} the last field`);
    }
  }

  private need(length: number, field: string): void {
    if (length > this.remaining) {
      throw new SshKeyProblem(
        'TRUNCATED',
        `${this.what}: ${field} needs ${length} bytes at offset ${this.at}, only ${this.remaining} remain`,
      );
    }
  }
}

export class SshWriter {
  private readonly parts: Buffer[] = [];

  uint32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    this.parts.push(b);
    return this;
  }

  string(value: Buffer | string): this {
    const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
    this.uint32(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  /** An unsigned big-endian magnitude (leading zeros allowed) as a canonical mpint. */
  mpint(magnitude: Buffer): this {
    return this.string(canonicalMagnitude(magnitude));
  }

  raw(bytes: Buffer): this {
    this.parts.push(bytes);
    return this;
  }

  get length(): number {
    return this.parts.reduce((sum, part) => sum + part.length, 0);
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/**
 * The shortest two's-complement encoding of a non-negative magnitude: leading zeros dropped, one
 * zero byte added back when the top bit is set. Both the mpint and the DER INTEGER use it.
 */
export function canonicalMagnitude(magnitude: Buffer): Buffer {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return trimmed.length > 0 && trimmed[0]! & 0x80 ? Buffer.concat([Buffer.of(0), trimmed]) : trimmed;
}

/** The number of significant bits of an unsigned big-endian magnitude. */
export function bitLength(magnitude: Buffer): number {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  if (start === magnitude.length) return 0;
  return (magnitude.length - start - 1) * 8 + (32 - Math.clz32(magnitude[start]!));
}

export function toBigInt(magnitude: Buffer): bigint {
  return magnitude.length === 0 ? 0n : BigInt(`0x${magnitude.toString('hex')}`);
}

export function fromBigInt(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
