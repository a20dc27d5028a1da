import { bitsToBytes } from './data-keys.js';
import { DewError, quote } from './refusal.js';

/** gen-random: random_data_length is bits, a multiple of 8 from 8 to 8192 → bytes. */
export function parseRandomBits(text: string | number): number {
  const bytes = bitsToBytes(text);
  if (bytes === undefined) {
    throw new DewError('KMS.1801', `random_data_length must be a multiple of 8 from 8 to 8192 (bits), got ${quote(text)}`);
  }
  return bytes;
}
