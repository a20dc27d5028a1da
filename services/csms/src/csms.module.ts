import { Module, type DynamicModule } from '@nestjs/common';
import { keyringStore, RootKeyRotationModule } from '@dew/root-key';
import { streams } from '@dew/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { Audit, DewServiceModule, EnvelopeDeps, IamDecisions, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { BackupSecretController } from './backup/backup-secret.controller.js';
import { RestoreSecretController } from './backup/restore-secret.controller.js';
import { SecretBackups } from './backup/secret-backups.js';
import { Envelope } from './envelope/envelope.js';
import { CreateSecretEventController } from './notify/create-secret-event.controller.js';
import { DeleteSecretEventController } from './notify/delete-secret-event.controller.js';
import { EventRules } from './notify/event-rules.js';
import { ListNotificationRecordsController } from './notify/list-notification-records.controller.js';
import { ListSecretEventsController } from './notify/list-secret-events.controller.js';
import { Notifier, VersionExpirySweep } from './notify/notifier.js';
import { NotifyPasses } from './notify/notify-passes.js';
import { NotifySettings } from './notify/notify-settings.js';
import { ShowSecretEventController } from './notify/show-secret-event.controller.js';
import { UpdateSecretEventController } from './notify/update-secret-event.controller.js';
import { WebhookDelivery } from './notify/webhook-delivery.js';
import { WebhookPolicy } from './notify/webhook-policy.js';
import { GeneratePasswordController } from './passwords/generate-password.controller.js';
import { ListRotationTasksController } from './rotation/list-rotation-tasks.controller.js';
import { RotateSecretController } from './rotation/rotate-secret.controller.js';
import { SecretRotationScheduler } from './rotation/rotation-scheduler.js';
import { SecretRotations } from './rotation/secret-rotations.js';
import { BatchImportSecretsController } from './secrets/batch-import-secrets.controller.js';
import { CancelSecretDeletionController } from './secrets/cancel-secret-deletion.controller.js';
import { CreateSecretController } from './secrets/create-secret.controller.js';
import { DeleteSecretController } from './secrets/delete-secret.controller.js';
import { SecretDeletionScheduler } from './secrets/deletion-scheduler.js';
import { KeyDependentsController } from './secrets/key-dependents.controller.js';
import { ListSecretsController } from './secrets/list-secrets.controller.js';
import { NewSecrets } from './secrets/new-secrets.js';
import { ScheduleSecretDeletionController } from './secrets/schedule-secret-deletion.controller.js';
import { SecretImports } from './secrets/secret-imports.js';
import { SecretSets } from './secrets/secret-sets.js';
import { ShowSecretController } from './secrets/show-secret.controller.js';
import { UpdateSecretController } from './secrets/update-secret.controller.js';
import { DeleteSecretStageController } from './stages/delete-secret-stage.controller.js';
import { ShowSecretStageController } from './stages/show-secret-stage.controller.js';
import { UpdateSecretStageController } from './stages/update-secret-stage.controller.js';
import { BatchSecretTagsController } from './tags/batch-secret-tags.controller.js';
import { CreateSecretTagController } from './tags/create-secret-tag.controller.js';
import { DeleteSecretTagController } from './tags/delete-secret-tag.controller.js';
import { ListProjectSecretTagsController } from './tags/list-project-secret-tags.controller.js';
import { ListSecretsByTagsController } from './tags/list-secrets-by-tags.controller.js';
import { SecretTags } from './tags/secret-tags.js';
import { ShowSecretTagsController } from './tags/show-secret-tags.controller.js';
import { CreateSecretVersionController } from './versions/create-secret-version.controller.js';
import { ListSecretVersionsController } from './versions/list-secret-versions.controller.js';
import { SecretVersions } from './versions/secret-versions.js';
import { ShowSecretVersionController } from './versions/show-secret-version.controller.js';
import { UpdateSecretVersionController } from './versions/update-secret-version.controller.js';

/** One controller per row of the csms table (csms.module.unit.spec.ts checks none is missing). */
export const CSMS_CONTROLLERS = [
  CreateSecretController, ListSecretsController, ShowSecretController, UpdateSecretController, DeleteSecretController,
  ScheduleSecretDeletionController, CancelSecretDeletionController, KeyDependentsController,
  CreateSecretVersionController, ListSecretVersionsController, ShowSecretVersionController, UpdateSecretVersionController,
  ShowSecretStageController, UpdateSecretStageController, DeleteSecretStageController,
  BackupSecretController, RestoreSecretController,
  ShowSecretTagsController, CreateSecretTagController, DeleteSecretTagController, BatchSecretTagsController,
  ListProjectSecretTagsController, ListSecretsByTagsController,
  RotateSecretController, ListRotationTasksController, GeneratePasswordController, BatchImportSecretsController,
  CreateSecretEventController, ListSecretEventsController, ShowSecretEventController, UpdateSecretEventController, DeleteSecretEventController,
  ListNotificationRecordsController,
];

@Module({})
export class CsmsModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: CsmsModule,
      imports: [DewServiceModule.forRoot(settings), RootKeyRotationModule.forRoot({ inject: [STREAMS_CONNECTION], useFactory: (nc: NatsConnection) => [keyringStore(nc, streams.csmsKeyring)] })],
      controllers: CSMS_CONTROLLERS,
      providers: [Audit, IamDecisions, EnvelopeDeps, Envelope, SecretSets, NewSecrets, SecretVersions, SecretBackups, SecretTags, SecretDeletionScheduler,
        SecretImports, SecretRotations, SecretRotationScheduler,
        NotifySettings, WebhookPolicy, EventRules, WebhookDelivery, NotifyPasses, VersionExpirySweep, Notifier],
    };
  }
}
