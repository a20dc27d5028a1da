import { MAX_PROBE_BYTES, MAX_PROBED, PROBE_BYTES_PER_S, type InflightAnswer } from '@dew/messaging';

const decoder = new TextDecoder();
const BUSY: InflightAnswer = { busy: true };
/** What a probe costs the budget at least: each one is a parse and an answer, however short. */
const MIN_PROBE_CHARGE = 1024;

/**
 * The requests this replica is working on, by reply subject, as the callers' probes ask about them
 * (@dew/messaging lost-requests.ts; docs/architecture.md, "A replica killed mid-request"), and a
 * way to wait until none is left (a replica stopping answers what it holds before it goes).
 */
export class HeldRequests {
  /** Requests held by reply subject: a caller reusing one for two requests holds it twice. */
  readonly #held = new Map<string, number>();
  #whenIdle: Array<() => void> = [];
  #budgetSecond = 0;
  #budgetBytes = 0;

  take(reply: string): void {
    this.#held.set(reply, (this.#held.get(reply) ?? 0) + 1);
  }

  release(reply: string): void {
    const left = (this.#held.get(reply) ?? 1) - 1;
    if (left > 0) this.#held.set(reply, left);
    else this.#held.delete(reply);
    if (this.#held.size === 0) for (const idle of this.#whenIdle.splice(0)) idle();
  }

  get size(): number {
    return this.#held.size;
  }

  /** Resolves true once no request is held, false if some still are after `timeoutMs`. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.#held.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.#whenIdle.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /**
   * The answer to a probe asked from `probeReply`: only requests answered in the asker's own inbox
   * (whoever asks, another caller's are never reported); `busy` past this second's byte budget,
   * unread; undefined for a question that is not one (the caller then concludes nothing). The
   * budget is the replica's, not the caller's: a flood makes every caller's probes busy, so their
   * lost requests end at the bus timeout again, as before probes, until it stops.
   */
  answer(probeReply: string, data: Uint8Array, monotonicMs: number): InflightAnswer | undefined {
    if (data.length > MAX_PROBE_BYTES) return undefined;
    const second = Math.floor(monotonicMs / 1000);
    if (second !== this.#budgetSecond) {
      this.#budgetSecond = second;
      this.#budgetBytes = 0;
    }
    const charge = Math.max(data.length, MIN_PROBE_CHARGE);
    if (this.#budgetBytes + charge > PROBE_BYTES_PER_S) return BUSY;
    this.#budgetBytes += charge;
    let replies: unknown;
    try {
      replies = (JSON.parse(decoder.decode(data)) as { replies?: unknown } | null)?.replies;
    } catch {
      return undefined;
    }
    if (!Array.isArray(replies) || replies.length > MAX_PROBED) return undefined;
    const inbox = probeReply.slice(0, probeReply.lastIndexOf('.') + 1);
    return { held: replies.filter((r): r is string => typeof r === 'string' && r.startsWith(inbox) && this.#held.has(r)) };
  }
}
