import { status } from '@grpc/grpc-js';
import type { CallRecord } from '@dew/hsm-control';
import { RpcError } from './grpc-errors.js';
import type { RecordCall } from './call-audit.js';

/** Who a refused admin call came from when its UKey signature was not proven. */
export const UNVERIFIED_CALLER = 'unverified caller';
/** The operation of the record that counts the refusals not recorded one by one. */
export const REFUSALS_SUMMARY = 'AdminCallsRefused';
const WINDOW_MS = 60_000;
/** Refusals of unverified callers recorded one by one per minute, all sources together. */
export const RECORDED_PER_MINUTE = 20;
/** Refusals one source address may cause per minute; after that its admin calls are refused at once. */
export const REFUSALS_PER_SOURCE_PER_MINUTE = 60;
// Sources counted apart per minute; more share one count (loopback offers 2^24 addresses).
const MAX_SOURCES = 4096;
const OTHER_SOURCES = 'other';
/** Characters kept of any text an unverified caller chose (a common name, an id). */
export const UNVERIFIED_TEXT_CHARS = 64;

const cut = (text: string, max = UNVERIFIED_TEXT_CHARS): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Bounds what unauthenticated callers cost the admin port and the audit trail (docs/hsm.md,
 * "Traces"): per minute, the first refusals are recorded in full (their free text cut), the rest
 * are counted into one summary record at the minute's end; a source address that caused too many
 * refusals is refused at once for the rest of the minute, before any lookup.
 */
export class UnprovenRefusals {
  #windowStart: number;
  #recorded = 0;
  #perSource = new Map<string, number>();
  /** Refusals counted, not recorded, per operation, since `#countedFrom`. */
  #counted = new Map<string, number>();
  #countedFrom: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly record: RecordCall, private readonly instanceId: string, private readonly now: () => number = Date.now) {
    this.#windowStart = now();
    this.#countedFrom = this.#windowStart;
  }

  /** Throws RESOURCE_EXHAUSTED when `sourceIp` caused its minute's refusals already. */
  admit(sourceIp: string): void {
    this.#roll();
    if ((this.#perSource.get(this.#sourceKey(sourceIp)) ?? 0) >= REFUSALS_PER_SOURCE_PER_MINUTE) {
      throw new RpcError(status.RESOURCE_EXHAUSTED, `${REFUSALS_PER_SOURCE_PER_MINUTE} admin calls from this address were refused within a minute, the most the node answers: retry in a minute`);
    }
  }

  /** Stores a refusal of an unverified caller: in full while the minute allows, else counted. */
  async refused(r: CallRecord): Promise<void> {
    this.#roll();
    const source = this.#sourceKey(r.sourceIp);
    this.#perSource.set(source, (this.#perSource.get(source) ?? 0) + 1);
    if (this.#recorded < RECORDED_PER_MINUTE) {
      this.#recorded++;
      await this.record({
        ...r, resourceId: cut(r.resourceId), resourceName: cut(r.resourceName), message: cut(r.message, 256),
        request: Object.fromEntries(Object.entries(r.request).map(([k, v]) => [k, cut(v)])),
      });
      return;
    }
    this.#counted.set(r.operation, (this.#counted.get(r.operation) ?? 0) + 1);
    this.#summariseAtWindowEnd();
  }

  #sourceKey(ip: string): string {
    return this.#perSource.has(ip) || this.#perSource.size < MAX_SOURCES ? ip : OTHER_SOURCES;
  }

  #roll(): void {
    const now = this.now();
    if (now < this.#windowStart + WINDOW_MS) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const busiest = [...this.#perSource].sort((x, y) => y[1] - x[1])[0];
    this.#windowStart = now - ((now - this.#windowStart) % WINDOW_MS);
    this.#recorded = 0;
    this.#perSource = new Map();
    if (this.#counted.size > 0) void this.#summarise(busiest?.[0] ?? '', this.#windowStart);
  }

  /** One record for the refusals counted; one that cannot be stored is counted again into the next. */
  async #summarise(busiestSource: string, to: number): Promise<void> {
    const counted = this.#counted;
    const from = this.#countedFrom;
    this.#counted = new Map();
    this.#countedFrom = to;
    const total = [...counted.values()].reduce((a, b) => a + b, 0);
    try {
      await this.record({
        operation: REFUSALS_SUMMARY, resourceId: this.instanceId, resourceName: this.instanceId, code: status.UNAUTHENTICATED, caller: UNVERIFIED_CALLER, sourceIp: busiestSource,
        message: `${total} more admin calls of unverified callers were refused from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}, counted, not recorded one by one`,
        request: { count: String(total), from: new Date(from).toISOString(), to: new Date(to).toISOString(), ...Object.fromEntries([...counted].map(([op, n]) => [op, String(n)])) },
      });
    } catch {
      for (const [op, n] of counted) this.#counted.set(op, (this.#counted.get(op) ?? 0) + n);
      this.#countedFrom = from;
      this.#summariseAtWindowEnd();
    }
  }

  // A little after the end: a timer may fire a moment before the wall clock reaches it. Unref'd,
  // and kept when the node stops serving: the count is still recorded while the process lives.
  #summariseAtWindowEnd(): void {
    this.#timer ??= setTimeout(() => this.#roll(), this.#windowStart + WINDOW_MS - this.now() + 50).unref();
  }
}
