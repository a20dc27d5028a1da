/** A mistake in the command line (exit 2), as opposed to a refusal of the API (exit 1). */
export class UsageError extends Error {
  constructor(message: string, readonly helpFor = 'dew') {
    super(message);
    this.name = 'UsageError';
  }
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length] ?? 0;
}

/** The candidates closest to a mistyped name (edit distance, or one containing the other), best first. */
export function suggest(name: string, candidates: readonly string[]): string[] {
  const scored = candidates.map((c) => ({ c, d: c.includes(name) || name.includes(c) ? 1 : distance(name, c) }));
  const limit = Math.max(2, Math.floor(name.length / 3));
  return scored.filter((s) => s.d <= limit).sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, 3).map((s) => s.c);
}

/** "unknown <what> <name>" with a "did you mean" when something is close. */
export function unknownName(what: string, name: string, candidates: readonly string[], helpFor: string): UsageError {
  const close = suggest(name, candidates);
  const hint = close.length > 0 ? `; did you mean ${close.join(' or ')}?` : '';
  return new UsageError(`unknown ${what} "${name}"${hint}`, helpFor);
}
