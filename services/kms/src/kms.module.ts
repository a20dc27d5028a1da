import { Module, type DynamicModule } from '@nestjs/common';
import { MaterialGenerator } from '@dew/crypto';
import { Audit, DewServiceModule, IamDecisions } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from './settings.js';
import { keyringProvider } from './keyring/keyring.provider.js';
import { Keyrings } from './keys/keyrings.js';
import { KeyIndex } from './keys/key-index.js';
import { KeyAccess } from './keys/key-access.js';
import { CreateKeyHandler } from './keys/create-key.handler.js';
import { KeyCommandsHandler } from './keys/key-commands.handler.js';
import { KeyQueriesHandler } from './keys/key-queries.handler.js';
import { DeletionExecutor } from './keys/deletion-executor.js';
import { MaterialCache } from './crypto/material-cache.js';
import { UsableKeys } from './crypto/usable-key.js';
import { EncryptDataHandler } from './crypto/encrypt-data.handler.js';
import { DatakeyHandler } from './crypto/datakey.handler.js';
import { SignHandler } from './crypto/sign.handler.js';
import { RandomHandler } from './crypto/random.handler.js';
import { NewVersions } from './crypto/new-version.js';
import { RotationScheduler } from './rotation/rotation-scheduler.js';
import { RotationHandler } from './rotation/rotation.handler.js';
import { GrantHandlers } from './grants/grant.handlers.js';
import { TagHandlers } from './tags/tag.handlers.js';
import { KeyExtensionsHandler } from './keys/key-extensions.handler.js';
import { ImportTokens } from './import/import-tokens.js';
import { WrappingKeyPool } from './import/wrapping-key-pool.js';
import { ImportHandlers } from './import/import.handlers.js';
import { ImportScheduler } from './import/import-scheduler.js';

@Module({})
export class KmsModule {
  static forRoot(settings: KmsSettings): DynamicModule {
    return {
      module: KmsModule,
      imports: [DewServiceModule.forRoot(settings.service)],
      providers: [
        { provide: KMS_SETTINGS, useValue: settings },
        { provide: MaterialGenerator, useValue: new MaterialGenerator(2) },
        keyringProvider,
        Keyrings,
        KeyIndex,
        KeyAccess,
        CreateKeyHandler,
        KeyCommandsHandler,
        KeyQueriesHandler,
        DeletionExecutor,
        Audit,
        IamDecisions,
        MaterialCache,
        UsableKeys,
        EncryptDataHandler,
        DatakeyHandler,
        SignHandler,
        RandomHandler,
        NewVersions,
        RotationScheduler,
        RotationHandler,
        GrantHandlers,
        TagHandlers,
        KeyExtensionsHandler,
        ImportTokens,
        WrappingKeyPool,
        ImportHandlers,
        ImportScheduler,
      ],
    };
  }
}
