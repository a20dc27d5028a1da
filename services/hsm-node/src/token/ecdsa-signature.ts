import { TokenError } from './token-error.js';

// PKCS#11 returns ECDSA signatures as r||s; applications (and X.509) use DER Ecdsa-Sig-Value.

export function rawToDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const int = (b: Buffer): Buffer => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    const body = (v[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v;
    return Buffer.concat([Buffer.from([0x02, body.length]), body]);
  };
  const seq = Buffer.concat([int(raw.subarray(0, half)), int(raw.subarray(half))]);
  return Buffer.concat([seq.length < 0x80 ? Buffer.from([0x30, seq.length]) : Buffer.from([0x30, 0x81, seq.length]), seq]);
}

export function derToRaw(der: Buffer, fieldBytes: number): Buffer {
  let pos = 0;
  const byte = (): number => {
    const b = der[pos++];
    if (b === undefined) throw new TokenError('INVALID_ARGUMENT', 'the ECDSA signature is not valid DER');
    return b;
  };
  const length = (): number => {
    const first = byte();
    return first === 0x81 ? byte() : first;
  };
  if (byte() !== 0x30) throw new TokenError('INVALID_ARGUMENT', 'the ECDSA signature is not valid DER');
  length();
  const part = (): Buffer => {
    if (byte() !== 0x02) throw new TokenError('INVALID_ARGUMENT', 'the ECDSA signature is not valid DER');
    const len = length();
    let v = der.subarray(pos, pos + len);
    pos += len;
    while (v.length > fieldBytes && v[0] === 0) v = v.subarray(1);
    if (v.length > fieldBytes) throw new TokenError('INVALID_ARGUMENT', 'the ECDSA signature does not fit the curve');
    return Buffer.concat([Buffer.alloc(fieldBytes - v.length), v]);
  };
  return Buffer.concat([part(), part()]);
}
