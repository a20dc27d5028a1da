import { parseSerial } from '@dew/x509';
import type { Revocation } from './instance-ca.js';

/** The instance's revocation list as stored in `HSM_STATE` key `<instance>.revoked`. */
export interface RevocationList {
  /** Serials in normal spelling (lowercase hex, no leading zeros), each once. */
  readonly entries: readonly Revocation[];
  /** Stored entries that are no serial (or a value that is no list at all): never put in a CRL. */
  readonly skipped: number;
}

/**
 * Reads the stored list, keeping the valid entries only: one unparseable serial in a CRL makes
 * Node refuse the whole TLS context, which would stop the instance serving (docs/hsm.md,
 * "Security limits").
 */
export function readRevocations(value: string | undefined): RevocationList {
  if (value === undefined) return { entries: [], skipped: 0 };
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return { entries: [], skipped: 1 };
  }
  if (!Array.isArray(stored)) return { entries: [], skipped: 1 };
  const entries = new Map<string, Revocation>();
  let skipped = 0;
  for (const e of stored as unknown[]) {
    const { serial, at } = (e ?? {}) as { serial?: unknown; at?: unknown };
    const normal = typeof serial === 'string' ? parseSerial(serial) : undefined;
    if (normal === undefined) {
      skipped++;
      continue;
    }
    entries.set(normal, { serial: normal, at: typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : new Date().toISOString() });
  }
  return { entries: [...entries.values()], skipped };
}
