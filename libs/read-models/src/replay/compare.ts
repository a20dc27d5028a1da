import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { compareDocs, differingBuckets, digestDoc, docsInBucket, summarize, type Cut, type DocDifference, type DocDigest, type IntegrityCheck, type ModelSummary } from '@dew/event-sourcing';
import { REPLAYED_STREAMS, subjects } from '@dew/messaging';
import { rebuildAtCut, type RebuiltDoc } from './rebuild.js';

export interface ModelOutcome {
  readonly name: string;
  readonly service: string;
  readonly live: number;
  readonly rebuilt: number;
  readonly notCompared: number;
  readonly differences: readonly DocDifference[];
}

export interface ReplayReport {
  readonly cut: Cut;
  readonly messages: number;
  readonly events: number;
  /** Reading, decoding, folding and digesting every document (not the live services' part). */
  readonly rebuildMs: number;
  /** The whole replay: the cut, the rebuild, the live services' summaries and the comparison. */
  readonly totalMs: number;
  readonly models: readonly ModelOutcome[];
  readonly checks: readonly IntegrityCheck[];
  /** Models the replay rebuilt that no live service reported, or the reverse. */
  readonly unmatched: readonly string[];
  readonly identical: boolean;
}

/** The streams' ranges now: the fixed point both sides are compared at. */
export async function takeCut(nc: NatsConnection): Promise<Cut> {
  const jsm = await jetstreamManager(nc);
  const cut: Record<string, { first: number; last: number }> = {};
  for (const stream of REPLAYED_STREAMS) {
    try {
      const { state } = await jsm.streams.info(stream);
      cut[stream] = { first: state.first_seq, last: state.last_seq };
    } catch {
      cut[stream] = { first: 1, last: 0 }; // not created yet: its service has written nothing
    }
  }
  return cut;
}

async function ask<T>(nc: NatsConnection, service: string, body: object): Promise<T> {
  const reply = await nc.request(subjects.models(service), JSON.stringify(body), { timeout: 120_000 });
  const parsed = reply.json<{ ok?: T; error?: { code: string; message: string } }>();
  if (parsed.error) throw new Error(`${service} refused the read-model request: ${parsed.error.code} ${parsed.error.message}`);
  return parsed.ok as T;
}

/**
 * Replay: takes a cut, rebuilds every read model from the streams up to it, asks each
 * live service for the same models at the same cut, and compares them bucket by bucket, then
 * document by document where a bucket differs. Also collects the services' integrity checks.
 */
export async function replay(nc: NatsConnection, services: readonly string[]): Promise<ReplayReport> {
  const started = performance.now();
  const cut = await takeCut(nc);
  const rebuilt = await rebuildAtCut(nc, cut);
  const outcomes: ModelOutcome[] = [];
  const checks: IntegrityCheck[] = [];
  const seen = new Set<string>();
  for (const service of services) {
    const live = await ask<{ models: ModelSummary[]; checks: IntegrityCheck[] }>(nc, service, { cut });
    checks.push(...live.checks);
    for (const summary of live.models) {
      seen.add(summary.name);
      const docs = (rebuilt.models.get(summary.name) ?? []).filter((d: RebuiltDoc) => summary.since === undefined || d.time === undefined || d.time >= summary.since);
      const mine = summarize(summary.name, docs);
      const skip = new Set(summary.unavailable);
      const differences: DocDifference[] = [];
      for (const bucket of differingBuckets(summary, mine)) {
        const liveDocs = (await ask<{ docs: DocDigest[] }>(nc, service, { cut, model: summary.name, bucket })).docs;
        const rebuiltDocs = docsInBucket(docs, bucket).map((d) => digestDoc(d.id, d.seq, d.doc));
        differences.push(...compareDocs(summary.name, liveDocs, rebuiltDocs, skip));
      }
      outcomes.push({ name: summary.name, service, live: summary.count, rebuilt: mine.count, notCompared: skip.size, differences });
    }
  }
  const unmatched = [...rebuilt.models.keys()].filter((name) => !seen.has(name));
  const identical = unmatched.length === 0 && outcomes.every((o) => o.differences.length === 0) && checks.every((c) => c.problems.length === 0);
  return { cut, messages: rebuilt.messages, events: rebuilt.events, rebuildMs: rebuilt.ms, totalMs: performance.now() - started, models: outcomes, checks, unmatched, identical };
}

/** The report as the replay tool prints it: never document contents, only ids, fields and counts. */
export function formatReport(r: ReplayReport): string {
  const lines = [
    `cut: ${Object.entries(r.cut).map(([s, { first, last }]) => `${s} ${first}..${last}`).join(', ')}`,
    `rebuilt from an empty start: ${r.messages} messages, ${r.events} events in ${(r.rebuildMs / 1000).toFixed(2)} s (${Math.round(r.events / Math.max(r.rebuildMs / 1000, 1e-3))} events/s); compared with the live models, ${(r.totalMs / 1000).toFixed(2)} s in all`,
  ];
  for (const m of r.models) {
    const state = m.differences.length === 0 ? 'identical' : `${m.differences.length} differing`;
    lines.push(`  ${m.name} (${m.service}): live ${m.live}, rebuilt ${m.rebuilt} documents: ${state}${m.notCompared ? ` (${m.notCompared} changed too often since the cut to compare)` : ''}`);
    for (const d of m.differences.slice(0, 50)) {
      const where = d.kind === 'differs' ? `differs in ${d.fields.join(', ')} (live seq ${d.liveSeq}, rebuilt seq ${d.rebuiltSeq})` : d.kind === 'only-live' ? `only in the live model (seq ${d.liveSeq})` : `only in the rebuilt model (seq ${d.rebuiltSeq})`;
      lines.push(`    ${d.id}: ${where}`);
    }
    if (m.differences.length > 50) lines.push(`    … and ${m.differences.length - 50} more`);
  }
  for (const c of r.checks) {
    lines.push(`  ${c.name}: ${c.checked}: ${c.problems.length === 0 ? 'intact' : `${c.problems.length} broken`}`);
    for (const p of c.problems) lines.push(`    ${p}`);
  }
  for (const name of r.unmatched) lines.push(`  ${name}: rebuilt, but no live service reported it`);
  lines.push(r.identical ? 'identical' : 'DIFFERENT');
  return lines.join('\n');
}
