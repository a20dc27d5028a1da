import { operationOf } from '@dew/contracts';
import { subjects } from './subjects.js';

/**
 * Finding requests whose replica died under them (docs/architecture.md, "A replica killed
 * mid-request"). A request sent to a queue group is taken by one replica; if that process is
 * killed, no answer ever comes and the caller would wait for its whole timeout (30 s at the
 * gateway). So a request still pending after PROBE_AFTER_MS is asked about: every replica of the
 * answering service says which of the listed reply subjects it is working on. A request that no
 * replica claims in UNCLAIMED_ROUNDS probes running, while at least one replica answered each of
 * them, is lost (or was never taken: lost in transit with a node). When no replica answers at all (the only one is down, or the responder does not
 * know the probe) nothing is concluded and the timeout stays the bound.
 */
export const PROBE_AFTER_MS = 2_000;
export const PROBE_EVERY_MS = 1_000;
/**
 * How long a probe collects answers. Replicas answer from their event loop at once; a holder whose
 * loop stalls past the window in UNCLAIMED_ROUNDS probes in a row is taken for dead.
 */
export const PROBE_WINDOW_MS = 1_000;
export const UNCLAIMED_ROUNDS = 3;
/** Reply subjects listed in one probe (about 60 bytes each: well inside a message). */
export const MAX_PROBED = 1_000;
/** A probe's body is at most this long; a replica reads no longer one. */
export const MAX_PROBE_BYTES = MAX_PROBED * 256;
/**
 * Probe bytes a replica reads in one second; past them it answers `busy` without reading (a flood
 * of probes costs it no parsing). Each caller probes a service at most once per PROBE_EVERY_MS, so
 * this is 16 callers each listing MAX_PROBED requests, or hundreds listing a few.
 */
export const PROBE_BYTES_PER_S = 16 * MAX_PROBE_BYTES;

/** The question a probe asks, and the answer every replica gives (inside DEW's `ok` envelope). */
export interface InflightQuestion {
  readonly replies: readonly string[];
}
/**
 * Either `held`, or `busy`: the replica did not read the question (its probe budget is spent) and
 * may hold any of them. A busy answer carries no `held`, so a caller that does not know `busy` (an
 * older version, during a rolling upgrade) takes it for no answer and concludes nothing, rather
 * than for a claim of nothing, which would let a flood of probes make a live request look lost.
 */
export type InflightAnswer = { readonly held: readonly string[] } | { readonly busy: true };

/**
 * A read (a row that appends nothing and leaves no other mark) lost with its replica is sent once
 * more, to a live one: asking again is safe; an audited read may then leave a record per attempt,
 * each a use that happened. A write is not: it may have been stored before the replica died; nor
 * a read that marks something outside the streams (a single-use signature seen, a certificate signed).
 */
export const retriedAfterLoss = (subject: string): boolean => {
  const flags = operationOf(subject)?.flags;
  return flags !== undefined && !flags.changesState && flags.sideEffectsBeyondEvents !== true;
};

/** The subject whose replicas answer for requests on `subject`; none for a subject outside the operation table. */
export const probeSubjectOf = (subject: string): string | undefined => {
  const row = operationOf(subject);
  return row ? subjects.inflight(row.service) : undefined;
};

/** A pending request as the watch sees it. */
export interface WatchedRequest {
  readonly subject: string;
  readonly reply: string;
  readonly sentAt: number;
  /** Probes in a row, each answered by some replica, in which none claimed this request. */
  unclaimed: number;
}

/** What the watch needs of the request multiplexer (request-mux.ts). */
export interface WatchPort {
  /** Pending requests, oldest first. */
  pending(): Iterable<readonly [token: string, request: WatchedRequest]>;
  /** Still pending? */
  find(token: string): WatchedRequest | undefined;
  /** Sends a probe whose answers come back on the mux's inbox under `token`. */
  publish(subject: string, data: Uint8Array, token: string): void;
  newToken(): string;
  lost(token: string): void;
}

interface Probe {
  readonly subject: string;
  readonly asked: ReadonlyArray<readonly [token: string, reply: string]>;
  readonly claimed: Set<string>;
  answers: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class LostRequestWatch {
  readonly #probes = new Map<string, Probe>();
  readonly #out = new Set<string>();

  constructor(private readonly port: WatchPort) {}

  /** One round: asks each service about its requests pending since PROBE_AFTER_MS, one probe per service at a time. */
  sweep(now: number): void {
    const due = new Map<string, Array<readonly [string, string]>>();
    for (const [token, request] of this.port.pending()) {
      if (now - request.sentAt < PROBE_AFTER_MS) break;
      const subject = probeSubjectOf(request.subject);
      if (subject === undefined || this.#out.has(subject)) continue;
      let asked = due.get(subject);
      if (!asked) due.set(subject, (asked = []));
      if (asked.length < MAX_PROBED) asked.push([token, request.reply]);
    }
    for (const [subject, asked] of due) this.#ask(subject, asked);
  }

  /** An answer on the mux's inbox under `token`: true when it was a probe's (taken here). */
  answer(token: string, data: Uint8Array): boolean {
    const probe = this.#probes.get(token);
    if (!probe) return false;
    const held = heldIn(data);
    if (held === 'any') {
      probe.answers += 1;
      for (const [, reply] of probe.asked) probe.claimed.add(reply);
    } else if (held) {
      probe.answers += 1;
      for (const reply of held) probe.claimed.add(reply);
    }
    return true;
  }

  #ask(subject: string, asked: ReadonlyArray<readonly [string, string]>): void {
    const token = this.port.newToken();
    this.#probes.set(token, { subject, asked, claimed: new Set(), answers: 0 });
    this.#out.add(subject);
    const question: InflightQuestion = { replies: asked.map(([, reply]) => reply) };
    this.port.publish(subject, encoder.encode(JSON.stringify(question)), token);
    // Concluded after the next socket read: answers that came while this loop was busy count.
    setTimeout(() => setImmediate(() => this.#conclude(token)), PROBE_WINDOW_MS).unref();
  }

  #conclude(token: string): void {
    const probe = this.#probes.get(token);
    if (!probe) return;
    this.#probes.delete(token);
    this.#out.delete(probe.subject);
    if (probe.answers === 0) return;
    for (const [pendingToken, reply] of probe.asked) {
      const request = this.port.find(pendingToken);
      if (!request) continue;
      request.unclaimed = probe.claimed.has(reply) ? 0 : request.unclaimed + 1;
      if (request.unclaimed >= UNCLAIMED_ROUNDS) this.port.lost(pendingToken);
    }
  }
}

/** The reply subjects a replica's answer claims (`any` when it was too busy to read them); undefined for anything that is no such answer. */
function heldIn(data: Uint8Array): readonly string[] | 'any' | undefined {
  let envelope: unknown;
  try {
    envelope = JSON.parse(decoder.decode(data));
  } catch {
    return undefined;
  }
  const answer = (envelope as { ok?: { held?: unknown; busy?: unknown } } | null)?.ok;
  if (answer?.busy === true) return 'any';
  const held = answer?.held;
  return Array.isArray(held) && held.every((r) => typeof r === 'string') ? held : undefined;
}
