import { Injectable, type OnModuleInit } from '@nestjs/common';
import { cutOf } from '@dew/event-sourcing';
import { REPLAYED_STREAMS } from '@dew/messaging';
import { HealthDetails, ReadModels } from '@dew/nest-kit';
import { TRACES_MODEL } from '@dew/read-models';
import { TraceIndex } from './trace-index.js';
import { TraceIngest } from './ingest.js';

/** The trace index as a read model for the replay tool, and its hash chains as an integrity check. */
@Injectable()
export class TraceModel implements OnModuleInit {
  constructor(
    private readonly index: TraceIndex,
    private readonly ingest: TraceIngest,
    private readonly models: ReadModels,
    private readonly health: HealthDetails,
  ) {}

  onModuleInit(): void {
    this.health.add('traces', () => ({ indexed: this.index.count, applied: Object.fromEntries(REPLAYED_STREAMS.map((s) => [s, this.index.lastApplied(s)])) }));
    this.models.add({
      name: TRACES_MODEL,
      appliedThrough: async (cut) => {
        for (const stream of Object.keys(cut)) await this.ingest.indexedThrough(stream, cutOf(cut, stream));
      },
      at: (cut) => ({ docs: this.index.at(cut), unavailable: [], ...(this.index.horizon ? { since: this.index.horizon } : {}) }),
    });
    this.models.addCheck(() => {
      const { scopes, traces, broken } = this.index.verifyChains();
      return {
        name: 'audit.trace-chains',
        checked: `${scopes} chains, ${traces} traces`,
        problems: broken.map((b) => `chain ${b.scope}: first broken link at trace ${b.traceId}: ${b.reason}`),
      };
    });
  }
}
