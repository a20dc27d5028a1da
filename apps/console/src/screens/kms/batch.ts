import { ApiError } from '../../api/errors';

export interface BatchTarget {
  readonly keyId: string;
  readonly name: string;
}

/** How one key of a batch fared: null error when the call succeeded. */
export interface BatchOutcome extends BatchTarget {
  readonly error: unknown;
}

/**
 * The guide's batch actions (1.4.2–1.4.5: "select them and click …") are one call per key, as
 * the API has no batch form of them: one after the other, each outcome kept, a failure never
 * stopping the rest.
 */
export async function runBatch(targets: readonly BatchTarget[], act: (keyId: string) => Promise<unknown>): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = [];
  for (const t of targets) {
    try {
      await act(t.keyId);
      outcomes.push({ ...t, error: null });
    } catch (error) {
      outcomes.push({ ...t, error });
    }
  }
  return outcomes;
}

/** An outcome as the results table shows it: the API's code and message for a refusal. */
export function describeOutcome(o: BatchOutcome): { readonly ok: boolean; readonly message: string; readonly code: string | null } {
  if (o.error === null) return { ok: true, message: 'Succeeded', code: null };
  if (o.error instanceof ApiError) return { ok: false, message: o.error.message, code: o.error.code };
  return { ok: false, message: o.error instanceof Error ? `The console could not reach DEW: ${o.error.message}` : String(o.error), code: null };
}

/** "2 of 3 keys disabled; 1 failed." */
export function summarise(outcomes: readonly BatchOutcome[], done: string): string {
  const ok = outcomes.filter((o) => o.error === null).length;
  const failed = outcomes.length - ok;
  const keys = outcomes.length === 1 ? 'key' : 'keys';
  return `${ok} of ${outcomes.length} ${keys} ${done}${failed ? `; ${failed} failed` : ''}.`;
}
