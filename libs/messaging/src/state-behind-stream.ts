/**
 * A process's state did not reach a sequence of its stream within the bound: its subscription
 * stalled (a node killed under its consumer) or the stream is far ahead. A fault of the moment:
 * `fault` says whether the request's own write may be stored (transient-faults.ts).
 */
export class StateBehindStream extends Error {
  override readonly name = 'StateBehindStream';
  constructor(
    readonly stream: string,
    readonly target: number,
    readonly applied: number,
    readonly boundMs: number,
    readonly fault: 'not-done' | 'unknown',
  ) {
    super(`the state of ${stream} did not reach sequence ${target} within ${boundMs} ms (applied through ${applied})`);
  }
}
