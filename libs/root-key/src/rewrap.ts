import { innerFormat, wrappedVersion, type VersionedRootKey } from '@dew/crypto';
import type { Progress } from './progress.js';

/**
 * What every re-wrapping step shares (docs/architecture.md, "Root of trust"): which blobs are done,
 * how one is re-wrapped, a budget, progress. The offline migration moves blobs to another provider
 * (`migrationRewrap`), a service's background rotation to the current version (`rotationRewrap`).
 */
export interface Rewrap {
  /** True when the blob needs nothing (already in the target). */
  done(blob: Uint8Array): boolean;
  /** The blob re-wrapped under the same binding; the plaintext never outlives the call. */
  convert(blob: Uint8Array, aad: string): Promise<Buffer>;
  /** How many more blobs this run may re-wrap (`--limit`); the rest wait for the next run. */
  readonly budget: { left: number };
  readonly progress: Progress;
  /** Who writes (trace headers, message ids): `root-key-migrate` or `root-key-rotate`. */
  readonly actor: string;
  /** Awaited after each re-wrapped blob: a background run paces itself so requests keep their latency. */
  readonly pace?: () => Promise<void>;
}

export interface StepCount {
  rewrapped: number;
  already: number;
  /** Left for a later run (the budget ran out, or a concurrent change won the race). */
  left: number;
}

export const emptyCount = (): StepCount => ({ rewrapped: 0, already: 0, left: 0 });

export const summary = (c: StepCount): string => `${c.rewrapped} re-wrapped, ${c.already} already in the target format${c.left > 0 ? `, ${c.left} left for the next run` : ''}`;

/** Moves a blob to the target provider keeping its version (the target key of that version is created when absent). */
export function migrationRewrap(source: VersionedRootKey, target: VersionedRootKey, targetFormat: number, rest: Pick<Rewrap, 'budget' | 'progress'>): Rewrap {
  return {
    ...rest,
    actor: 'root-key-migrate',
    done: (blob) => innerFormat(blob) === targetFormat,
    convert: (blob, aad) => zeroing(source.unwrap(blob, aad), (plain) => target.wrapAs(wrappedVersion(blob), plain, aad, true)),
  };
}

/** Moves a blob to the root key's current version. */
export function rotationRewrap(root: VersionedRootKey, rest: Pick<Rewrap, 'progress' | 'pace'>): Rewrap {
  return {
    ...rest,
    actor: 'root-key-rotate',
    budget: { left: Number.MAX_SAFE_INTEGER },
    done: (blob) => wrappedVersion(blob) === root.current,
    convert: (blob, aad) => zeroing(root.unwrap(blob, aad), (plain) => root.wrap(plain, aad)),
  };
}

async function zeroing(opened: Promise<Buffer>, use: (plain: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const plain = await opened;
  try {
    return await use(plain);
  } finally {
    plain.fill(0);
  }
}

/**
 * Re-wraps one blob, or returns null when it is already done (an interrupted run resumes from
 * there) or the budget is spent (counted as left).
 */
export async function rewrapBlob(r: Rewrap, blob: Uint8Array, aad: string, count: StepCount): Promise<Buffer | null> {
  r.progress.tick();
  if (r.done(blob)) {
    count.already += 1;
    return null;
  }
  if (r.budget.left <= 0) {
    count.left += 1;
    return null;
  }
  r.budget.left -= 1;
  const wrapped = await r.convert(blob, aad);
  await r.pace?.();
  return wrapped;
}
