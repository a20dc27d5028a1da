import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { auditRecordsOf, type AuditRecord } from '@dew/contracts';
import { wholeDigest, type AggregateDefinition, type Cut, type DocVersion } from '@dew/event-sourcing';
import { startOrderedRun, toStoredMessage, type StoredMessage } from '@dew/event-store';
import { csmsSecretSets, iamAccounts, iamDirectory, kmsKeyIndex, kmsKeyrings, kpsKeypairSets, hsmInstanceSets, type AggregateModel } from '../aggregates.js';
import { fromAuditRecord, fromEventMessage, traceDoc } from '../traces/to-traces.js';
import { TRACES_MODEL, type Trace } from '../traces/trace.js';

/**
 * A document rebuilt from the streams: its version, the document itself (its fields' digests are
 * computed only where a bucket differs, see compare.ts), and its time when it is a trace (for the
 * live model's horizon).
 */
export interface RebuiltDoc extends DocVersion {
  readonly doc: unknown;
  readonly time?: number;
}

export interface Rebuilt {
  readonly models: ReadonlyMap<string, readonly RebuiltDoc[]>;
  readonly messages: number;
  readonly events: number;
  readonly ms: number;
}

/** `text`: an AUDIT message's JSON text (one record, or an array of them: auditRecordsOf). */
type Msg = StoredMessage<Record<string, unknown>> & { readonly text?: string };

/** One read model folded from the messages of one stream, in stream order. */
interface Rebuilder {
  readonly stream: string;
  apply(msg: Msg): void;
  /** Each document once, digested once, however many events changed it. */
  docs(): Iterable<RebuiltDoc>;
}

const rebuiltDoc = (id: string, seq: number, doc: unknown, time?: number): RebuiltDoc => ({ id, seq, digest: wholeDigest(doc), doc, ...(time !== undefined ? { time } : {}) });

function aggregateRebuilder<S, E>(model: AggregateModel<S, E>): [string, Rebuilder] {
  const states = new Map<string, { state: S; seq: number }>();
  const def: AggregateDefinition<S, E> = model.definition;
  return [model.name, {
    stream: model.stream,
    apply(msg) {
      let state = states.get(msg.subject)?.state ?? def.initialState(msg.subject);
      for (const event of msg.events as unknown as readonly E[]) state = def.evolve(state, event);
      states.set(msg.subject, { state, seq: msg.streamSequence });
    },
    *docs() {
      for (const [subject, { state, seq }] of states) yield rebuiltDoc(subject, seq, state);
    },
  }];
}

function keyIndexRebuilder(): [string, Rebuilder] {
  const entries = new Map<string, { doc: { projectId: string }; seq: number }>();
  return [kmsKeyIndex.name, {
    stream: kmsKeyIndex.stream,
    apply(msg) {
      for (const [keyId, doc] of kmsKeyIndex.entries(msg.subject, msg.events as never)) entries.set(keyId, { doc, seq: msg.streamSequence });
    },
    *docs() {
      for (const [id, { doc, seq }] of entries) yield rebuiltDoc(id, seq, doc);
    },
  }];
}

function directoryRebuilder(): [string, Rebuilder] {
  let dir = iamDirectory.initial();
  let seq = 0;
  return [iamDirectory.name, {
    stream: iamDirectory.stream,
    apply(msg) {
      const before = dir;
      for (const event of msg.events) dir = iamDirectory.evolve(dir, event as never);
      if (dir !== before) seq = msg.streamSequence;
    },
    *docs() {
      if (seq === 0) return;
      for (const [id, doc] of iamDirectory.docs(dir)) yield rebuiltDoc(id, seq, doc);
    },
  }];
}

/**
 * A trace folded from an AUDIT record. Every record is a trace of its own (a second record with
 * the same id, were there one, replaces it, so versions stay exact), so it is digested as it is
 * folded and only its message's text (shared by the records of a batch) and its place there are
 * kept: a string is one object for the collector to trace where the trace is ~30 (GC was a quarter
 * of the replay). Its document is built again from the text only where a bucket differs
 * (compare.ts reads `doc` there only).
 */
interface AuditTrace {
  readonly seq: number;
  readonly time: number;
  readonly digest: string;
  readonly text: string;
  readonly index: number;
}

const auditTraceDoc = (text: string, index: number): unknown => traceDoc(fromAuditRecord(auditRecordsOf(text)[index]!, 0).trace);

/** Traces from every stream; `record_time` is not part of what is compared. */
function traceRebuilders(streams: readonly string[]): Array<[string, Rebuilder]> {
  const traces = new Map<string, { seq: number; trace: Trace } | AuditTrace>();
  const projects = new Map<string, string>();
  return streams.map((stream) => [TRACES_MODEL, {
    stream,
    apply(msg) {
      if (msg.text !== undefined) {
        for (let index = 0; index < msg.events.length; index++) {
          const { trace } = fromAuditRecord(msg.events[index] as unknown as AuditRecord, 0);
          traces.set(trace.trace_id, { seq: msg.streamSequence, time: trace.time, digest: wholeDigest(traceDoc(trace)), text: msg.text, index });
        }
        return;
      }
      for (const { trace } of fromEventMessage(stream, msg, 0, projects)) traces.set(trace.trace_id, { seq: msg.streamSequence, trace });
    },
    *docs() {
      for (const [id, folded] of traces) {
        if ('trace' in folded) yield rebuiltDoc(id, folded.seq, traceDoc(folded.trace), folded.trace.time);
        else yield { id, seq: folded.seq, digest: folded.digest, time: folded.time, get doc() { return auditTraceDoc(folded.text, folded.index); } };
      }
    },
  }]);
}

const utf8 = new TextDecoder();

/** An AUDIT message holds plain JSON records, not an events envelope; its text is kept (AuditTrace). */
function decode(stream: string, m: JsMsg): Msg {
  if (stream !== 'AUDIT') return toStoredMessage<Record<string, unknown>>(stream, m);
  const text = utf8.decode(m.data);
  return { stream, subject: m.subject, streamSequence: m.seq, time: m.time, events: auditRecordsOf(text) as unknown as Array<Record<string, unknown>>, headers: {}, text };
}

/** Messages asked per pull: a few hundred kB of audit records, enough to keep the server streaming. */
const REPLAY_BATCH = 1000;

/** Folds one stream's messages up to the cut into the rebuilders that read it; resolves with its counts. */
async function foldStream(js: JetStreamClient, stream: string, range: { first: number; last: number }, folding: readonly Rebuilder[]): Promise<{ messages: number; events: number }> {
  let messages = 0;
  let events = 0;
  if (range.last < range.first || range.last === 0 || folding.length === 0) return { messages, events };
  const run = await startOrderedRun(js, stream, { from: range.first, until: range.last, batch: REPLAY_BATCH }, (m) => {
    if (m.seq > range.last) return;
    const msg = decode(stream, m);
    messages++;
    events += msg.events.length;
    for (const r of folding) r.apply(msg);
  });
  try {
    await run.reached;
  } finally {
    await run.stop();
  }
  return { messages, events };
}

/**
 * Rebuilds every read model of every service from the streams, from an empty start, up to the cut
 * (docs/architecture.md, "Event sourcing on JetStream") with the same definitions the services fold.
 */
export async function rebuildAtCut(nc: NatsConnection, cut: Cut, opts: { readonly oneStreamAtATime?: boolean } = {}): Promise<Rebuilt> {
  const rebuilders: Array<[string, Rebuilder]> = [
    aggregateRebuilder(iamAccounts), directoryRebuilder(),
    aggregateRebuilder(kmsKeyrings), keyIndexRebuilder(),
    aggregateRebuilder(csmsSecretSets),
    aggregateRebuilder(kpsKeypairSets),
    aggregateRebuilder(hsmInstanceSets),
    ...traceRebuilders(Object.keys(cut)),
  ];
  const js = jetstream(nc);
  const started = performance.now();
  // The streams are read at once, one ordered consumer each: no rebuilder reads two streams except
  // the traces, whose documents from different streams never share an id (see to-traces.ts).
  // `oneStreamAtATime`: the same fold, stream after stream (the replay spec checks both agree).
  const fold = ([stream, range]: [string, Cut[string]]) => foldStream(js, stream, range, rebuilders.filter(([, r]) => r.stream === stream).map(([, r]) => r));
  const counts = [];
  if (opts.oneStreamAtATime) for (const entry of Object.entries(cut)) counts.push(await fold(entry));
  else counts.push(...(await Promise.all(Object.entries(cut).map(fold))));
  const models = new Map<string, RebuiltDoc[]>();
  for (const [name, r] of rebuilders) {
    if (models.has(name) && name === TRACES_MODEL) continue; // one trace map serves every stream
    models.set(name, [...r.docs()]);
  }
  // The time covers reading, decoding, folding and digesting every document: all the replay's own work.
  const ms = performance.now() - started;
  return { models, messages: counts.reduce((n, c) => n + c.messages, 0), events: counts.reduce((n, c) => n + c.events, 0), ms };
}
