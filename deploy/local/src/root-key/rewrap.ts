import type { RootKeyProvider } from '@dew/crypto';
import type { Progress } from './progress.js';

/** What every re-wrapping step shares: both root keys, the target's format byte, a budget. */
export interface Rewrap {
  readonly source: RootKeyProvider;
  readonly target: RootKeyProvider;
  /** The first byte of a blob the target wrapped (0x01 file/env, 0x02 pkcs11). */
  readonly targetVersion: number;
  /** How many more blobs this run may re-wrap (`--limit`); the rest wait for the next run. */
  readonly budget: { left: number };
  readonly progress: Progress;
}

export interface StepCount {
  rewrapped: number;
  already: number;
  /** Left for a later run (the budget ran out). */
  left: number;
}

export const emptyCount = (): StepCount => ({ rewrapped: 0, already: 0, left: 0 });

export const summary = (c: StepCount): string => `${c.rewrapped} re-wrapped, ${c.already} already in the target format${c.left > 0 ? `, ${c.left} left for the next run` : ''}`;

/**
 * Re-wraps one blob from the source root key to the target under the same binding, or returns
 * null when it is already in the target format (an interrupted run resumes from there) or the
 * budget is spent (counted as left). The plaintext is zeroed once wrapped.
 */
export async function rewrapBlob(r: Rewrap, blob: Uint8Array, aad: string, count: StepCount): Promise<Buffer | null> {
  r.progress.tick();
  if (blob[0] === r.targetVersion) {
    count.already += 1;
    return null;
  }
  if (r.budget.left <= 0) {
    count.left += 1;
    return null;
  }
  r.budget.left -= 1;
  const plain = await r.source.unwrap(blob, aad);
  try {
    return await r.target.wrap(plain, aad);
  } finally {
    plain.fill(0);
  }
}
