import type { RequestContext } from '@dew/messaging';

/**
 * How many of one request's commands the event store has acknowledged so far. A fault of the moment
 * after one of them is no longer "nothing was done": the 503 then offers no retry
 * (docs/architecture.md, "Faults of the moment").
 */
interface Tally {
  stored: number;
}

/**
 * Carried on the request's context under a symbol: a derived context (`{ ...ctx, requestId: … }`,
 * a step of the request) copies it, so its writes count for the request; headers and JSON never see it.
 */
const TALLY = Symbol('dew.storedWrites');
type Tallied = RequestContext & { readonly [TALLY]?: Tally };

/** One tally per request, by the transport's context object of that request (the filter sees the same one). */
const tallies = new WeakMap<object, Tally>();

/** The context a handler is given, tallying its writes for the request `request` stands for. */
export function withStoredWritesTally(request: object, ctx: RequestContext): RequestContext {
  let tally = tallies.get(request);
  if (!tally) {
    tally = { stored: 0 };
    tallies.set(request, tally);
  }
  return Object.assign(ctx, { [TALLY]: tally });
}

/** A command of this request was stored (background work, without a tally, counts nowhere). */
export function noteStoredWrite(ctx: RequestContext): void {
  const tally = (ctx as Tallied)[TALLY];
  if (tally) tally.stored++;
}

/** The commands stored so far for the request. */
export function storedWritesOf(request: object): number {
  return tallies.get(request)?.stored ?? 0;
}
