import { Inject, Injectable } from '@nestjs/common';
import { BadReplayRequest } from '@dew/contracts';
import { docsInBucket, summarize, type Cut, type DocDigest, type IntegrityCheck, type ModelSummary, type ReadModelView } from '@dew/event-sourcing';
import { SERVICE_SETTINGS, type ServiceSettings } from './config.js';

/** `sys.models.<service>` request: the summaries at a cut, or the documents of one bucket. */
export interface ModelsRequest {
  readonly cut: Cut;
  readonly model?: string;
  readonly bucket?: string;
}

export type ModelsReply =
  | { readonly models: readonly ModelSummary[]; readonly checks: readonly IntegrityCheck[] }
  | { readonly docs: readonly DocDigest[] };

function parseCut(body: unknown): ModelsRequest {
  const b = (body ?? {}) as Record<string, unknown>;
  const cut = b.cut;
  if (cut === null || typeof cut !== 'object' || Array.isArray(cut)) throw BadReplayRequest('cut must be an object of stream ranges', 'KMS.0202');
  for (const [stream, range] of Object.entries(cut)) {
    const r = range as Record<string, unknown> | null;
    if (!r || !Number.isSafeInteger(r.first) || !Number.isSafeInteger(r.last)) throw BadReplayRequest(`cut.${stream} must be {first, last} integers`);
  }
  if (b.model !== undefined && typeof b.model !== 'string') throw BadReplayRequest('model must be a string');
  if (b.bucket !== undefined && (typeof b.bucket !== 'string' || !/^[0-9a-f]{3}$/.test(b.bucket))) throw BadReplayRequest('bucket must be three hex digits');
  return b as unknown as ModelsRequest;
}

/**
 * How long the documents computed for the last cut are kept after their last use. The replay asks
 * for the buckets that differ right after the summary; a later ask computes them again. Kept for
 * good, they held a digest of every document of the service (a trace each in audit) long after
 * the replay ended (docs/performance.md, "Memory, round 2").
 */
export const KEEP_CUT_MS = 30_000;

/**
 * The service's read models, reported at a cut for the replay tool (`dew replay`, docs/features.md, "Replay"): a
 * summary per model (256 bucket digests), then the document digests of the buckets that differ.
 */
@Injectable()
export class ReadModels {
  readonly #views: ReadModelView[] = [];
  readonly #checks: Array<() => IntegrityCheck> = [];
  /** The last cut asked for, computed once: bucket requests follow the summary request. */
  #cached: { key: string; models: Map<string, { summary: ModelSummary; docs: readonly DocDigest[] }> } | undefined;
  #release: NodeJS.Timeout | undefined;

  constructor(@Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings) {}

  add(view: ReadModelView): void {
    if (this.#views.some((v) => v.name === view.name)) throw new Error(`read model ${view.name} added twice`);
    this.#views.push(view);
  }

  addCheck(check: () => IntegrityCheck): void {
    this.#checks.push(check);
  }

  /** The answer to `sys.models.<service>`: the summary at a cut, or one bucket's document digests. */
  async answer(body: unknown): Promise<ModelsReply> {
    const req = parseCut(body);
    // A summary is computed afresh; the bucket requests that follow it reuse that computation.
    const models = await this.#at(req.cut, req.model !== undefined);
    if (req.model === undefined) return { models: [...models.values()].map((m) => m.summary), checks: this.#checks.map((check) => check()) };
    const model = models.get(req.model);
    if (!model) throw BadReplayRequest(`no read model ${req.model} in ${this.settings.service}`);
    return { docs: docsInBucket(model.docs, req.bucket ?? '000') };
  }

  /** Whether the documents of a cut are held (until KEEP_CUT_MS after their last use). */
  get holdsCut(): boolean {
    return this.#cached !== undefined;
  }

  async #at(cut: Cut, reuse: boolean) {
    const key = JSON.stringify(Object.entries(cut).sort());
    if (reuse && this.#cached?.key === key) return this.#keep(this.#cached.models);
    const models = new Map<string, { summary: ModelSummary; docs: readonly DocDigest[] }>();
    for (const view of this.#views) {
      await view.appliedThrough(cut);
      const { docs, unavailable, since } = view.at(cut);
      models.set(view.name, { summary: summarize(view.name, docs, unavailable, since), docs });
    }
    this.#cached = { key, models };
    return this.#keep(models);
  }

  /** (Re)starts the countdown after which the cut's documents are let go. */
  #keep<T>(models: T): T {
    clearTimeout(this.#release);
    this.#release = setTimeout(() => (this.#cached = undefined), KEEP_CUT_MS);
    this.#release.unref();
    return models;
  }
}
