import { Module, type DynamicModule } from '@nestjs/common';
import { MaterialGenerator } from '@dew/crypto';
import { Audit, DewServiceModule } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from './settings.js';
import { keyringProvider } from './keyring/keyring.provider.js';
import { Keyrings } from './keys/keyrings.js';
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
        CreateKeyHandler,
        KeyCommandsHandler,
        KeyQueriesHandler,
        DeletionExecutor,
        Audit,
        MaterialCache,
        UsableKeys,
        EncryptDataHandler,
        DatakeyHandler,
        SignHandler,
        RandomHandler,
      ],
    };
  }
}
