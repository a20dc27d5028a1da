import { Module, type DynamicModule } from '@nestjs/common';
import { Audit, DewServiceModule, IamDecisions, type ServiceSettings } from '@dew/nest-kit';
import { Envelope } from './envelope/envelope.js';
import { SecretSets } from './secrets/secret-sets.js';
import { SecretHandlers } from './secrets/secret.handlers.js';
import { BackupHandlers } from './secrets/backup.handlers.js';
import { SecretTagHandlers } from './secrets/tag.handlers.js';
import { SecretDeletionScheduler } from './secrets/deletion-scheduler.js';
import { KeyDependentsHandler } from './secrets/key-dependents.handler.js';

@Module({})
export class CsmsModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: CsmsModule,
      imports: [DewServiceModule.forRoot(settings)],
      providers: [Audit, IamDecisions, Envelope, SecretSets, SecretHandlers, BackupHandlers, SecretTagHandlers, SecretDeletionScheduler, KeyDependentsHandler],
    };
  }
}
