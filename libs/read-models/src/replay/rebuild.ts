import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { wholeDigest, type AggregateDefinition, type Cut, type DocVersion } from '@dew/event-sourcing';
import { foreignReason, startOrderedRun, toStoredMessage, type StoredMessage } from '@dew/event-store';
import { csmsSecretSets, iamAccounts, iamDirectory, kmsKeyIndex, kmsKeyrings, kpsKeypairSets, hsmInstanceSets, type AggregateModel } from '../aggregates.js';
import { fromEventMessage, traceDoc } from '../traces/to-traces.js';
import { TRACES_MODEL, type Trace } from '../traces/trace.js';
import { AuditBatcher } from './audit-batches.js';
import { auditDigester, type AuditDigester } from './audit-digester.js';
import { AuditTrace, AuditTraceFold } from './audit-fold.js';

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

type Msg = StoredMessage<Record<string, unknown>>;

const AUDIT = 'AUDIT';

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
 * Traces from every stream; `record_time` is not part of what is compared. AUDIT's are digested by
 * `digester` (this thread, or worker threads where asked for: audit-digester.ts) and folded in stream order (audit-fold.ts).
 */
function traceRebuilders(streams: readonly string[], digester: AuditDigester): { rebuilders: Array<[string, Rebuilder]>; audit: AuditTraceFold } {
  const traces = new Map<string, { seq: number; trace: Trace } | AuditTrace>();
  const projects = new Map<string, string>();
  const audit = new AuditTraceFold(traces, digester);
  const docs = function* (): Iterable<RebuiltDoc> {
    for (const [id, folded] of traces) yield folded instanceof AuditTrace ? folded : rebuiltDoc(id, folded.seq, traceDoc(folded.trace), folded.trace.time);
  };
  const rebuilders = streams.filter((stream) => stream !== AUDIT).map((stream): [string, Rebuilder] => [TRACES_MODEL, {
    stream,
    apply(msg) {
      for (const { trace } of fromEventMessage(stream, msg, 0, projects)) traces.set(trace.trace_id, { seq: msg.streamSequence, trace });
    },
    docs,
  }]);
  // AUDIT is folded by foldAudit (through `audit`); its entry here only gives the model's documents.
  return { rebuilders: [...rebuilders, [TRACES_MODEL, { stream: AUDIT, apply() {}, docs }]], audit };
}

/** Messages asked per pull: enough to keep the server streaming. */
const REPLAY_BATCH = 1000;
/**
 * AUDIT's pulls ask for fewer messages: one holds up to 64 records (~60 kB), so 1 000 of them
 * would overrun the server's 64 MiB of pending data per client (a slow consumer: the replay
 * stalled). Bounded in messages, as the audit ingest's pulls are (services/audit/src/traces/ingest.ts),
 * not in bytes: nats.js keeps counting the unused bytes of a pull the server ended at its message
 * bound as still pending, so its later pulls shrink until one waits out its 30 s expiry
 * (docs/performance.md, "Replay stalls of 30–45 s").
 */
const REPLAY_AUDIT_PULL = 128;

/** Folds one stream's messages up to the cut into the rebuilders that read it; resolves with its counts. */
async function foldStream(js: JetStreamClient, stream: string, range: { first: number; last: number }, folding: readonly Rebuilder[]): Promise<{ messages: number; events: number }> {
  let messages = 0;
  let events = 0;
  if (range.last < range.first || range.last === 0 || folding.length === 0) return { messages, events };
  const run = await startOrderedRun(js, stream, { from: range.first, until: range.last, batch: REPLAY_BATCH }, (m) => {
    if (m.seq > range.last) return;
    const msg = toStoredMessage<Record<string, unknown>>(stream, m);
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

/** AUDIT's messages, handed to the digester in batches and folded in stream order as they come back. */
async function foldAudit(js: JetStreamClient, range: { first: number; last: number }, audit: AuditTraceFold): Promise<{ messages: number; events: number }> {
  let messages = 0;
  if (range.last < range.first || range.last === 0) return { messages, events: 0 };
  const batcher = new AuditBatcher();
  const run = await startOrderedRun(js, AUDIT, { from: range.first, until: range.last, batch: REPLAY_AUDIT_PULL }, (m) => {
    if (m.seq > range.last) return undefined;
    messages++;
    // As the trace index does (auditMessageTraces): a copy delivered under another subject is no record of it.
    if (foreignReason(m.subject, m.headers) !== undefined) return undefined;
    const full = batcher.add(m.data, m.seq);
    return full && audit.submit(full);
  });
  try {
    await run.reached;
  } finally {
    await run.stop();
  }
  const last = batcher.take();
  if (last) void audit.submit(last);
  await audit.finish();
  return { messages, events: audit.events };
}

export interface RebuildOptions {
  /** The same fold, stream after stream (the replay spec checks both agree). */
  readonly oneStreamAtATime?: boolean;
  /** Worker threads digesting AUDIT (default: defaultAuditThreads(), 0: this thread) and their file (audit-digester.ts). */
  readonly auditThreads?: number;
  readonly auditWorkerFile?: URL;
}

/**
 * Rebuilds every read model of every service from the streams, from an empty start, up to the cut
 * (docs/architecture.md, "Event sourcing on JetStream") with the same definitions the services fold.
 */
export async function rebuildAtCut(nc: NatsConnection, cut: Cut, opts: RebuildOptions = {}): Promise<Rebuilt> {
  // Started before the clock, as the connection is: a worker's start is not reading the streams.
  const digester = auditDigester({ threads: opts.auditThreads, file: opts.auditWorkerFile });
  try {
    return await rebuildWith(nc, cut, opts, digester);
  } finally {
    await digester.close();
  }
}

async function rebuildWith(nc: NatsConnection, cut: Cut, opts: RebuildOptions, digester: AuditDigester): Promise<Rebuilt> {
  const traces = traceRebuilders(Object.keys(cut), digester);
  const rebuilders: Array<[string, Rebuilder]> = [
    aggregateRebuilder(iamAccounts), directoryRebuilder(),
    aggregateRebuilder(kmsKeyrings), keyIndexRebuilder(),
    aggregateRebuilder(csmsSecretSets),
    aggregateRebuilder(kpsKeypairSets),
    aggregateRebuilder(hsmInstanceSets),
    ...traces.rebuilders,
  ];
  const js = jetstream(nc);
  const started = performance.now();
  // The streams are read at once, one ordered consumer each: no rebuilder reads two streams except
  // the traces, whose documents from different streams never share an id (see to-traces.ts).
  const fold = ([stream, range]: [string, Cut[string]]) => stream === AUDIT ? foldAudit(js, range, traces.audit) : foldStream(js, stream, range, rebuilders.filter(([, r]) => r.stream === stream).map(([, r]) => r));
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
