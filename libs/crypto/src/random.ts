import { bitsToBytes } from './data-keys.js';
import { RandomLengthInvalid } from '@dew/contracts';
import { quote } from './refusal.js';

/** gen-random: random_data_length is bits, a multiple of 8 from 8 to 8192 → bytes. */
export function parseRandomBits(text: string | number): number {
  const bytes = bitsToBytes(text);
  if (bytes === undefined) {
    throw RandomLengthInvalid(quote(text));
  }
  return bytes;
}
