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
      providers: [Audit, { provide: TraceIndex, useFactory: () => new TraceIndex(join(settings.dataDir, 'audit', 'traces.db')) }, TraceIngest, TraceModel],
    };
  }
}
