import { join } from 'node:path';
import { Module, type DynamicModule } from '@nestjs/common';
import { Audit, DewServiceModule, type ServiceSettings } from '@dew/nest-kit';
import { TraceIndex } from './traces/trace-index.js';
import { TraceIngest } from './traces/ingest.js';
import { ListTracesController } from './traces/list-traces.controller.js';
import { TraceModel } from './traces/trace-model.js';

@Module({})
export class AuditModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: AuditModule,
      imports: [DewServiceModule.forRoot(settings, undefined, { holdsRootKey: false })],
      controllers: [ListTracesController],
      // Audit: the audit service owns the AUDIT stream's configuration (its max age is the retention).
      providers: [Audit, { provide: TraceIndex, useFactory: () => new TraceIndex(traceIndexPath(settings)) }, TraceIngest, TraceModel],
    };
  }
}

/**
 * Each replica keeps an index of its own, built from the same streams (docs/architecture.md,
 * "Cluster mode"): SQLite has one writer per file, and either replica then answers any query.
 * The first replica keeps the single-process path, so a cluster start reuses a `make run` index.
 */
export function traceIndexPath(settings: Pick<ServiceSettings, 'dataDir' | 'replica'>): string {
  return settings.replica === 1 ? join(settings.dataDir, 'audit', 'traces.db') : join(settings.dataDir, 'audit', `replica-${settings.replica}`, 'traces.db');
}
