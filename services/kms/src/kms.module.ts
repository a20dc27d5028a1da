import { Module, type DynamicModule } from '@nestjs/common';
import { keyringStore, RootKeyRotationModule } from '@dew/root-key';
import { streams } from '@dew/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { APP_GUARD } from '@nestjs/core';
import { MaterialGenerator } from '@dew/crypto';
import { Audit, DewServiceModule, IamDecisions, STREAMS_CONNECTION } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from './settings.js';
import { KMS_CONTROLLERS } from './kms.controllers.js';
import { keyringProvider } from './keyring/keyring.provider.js';
import { Keyrings } from './keys/keyrings.js';
import { KeyIndex } from './keys/key-index.js';
import { KeyAccess } from './keys/key-access.js';
import { KeyAuthority } from './keys/key-authority.js';
import { KeyAuthorizationGuard } from './keys/key-authorization.guard.js';
import { DefaultKeys } from './keys/default-keys.js';
import { ImportedMaterial } from './import/imported-material.js';
import { DependentResources } from './keys/dependent-resources.js';
import { DeletionExecutor } from './keys/deletion-executor.js';
import { MaterialCache } from './crypto/material-cache.js';
import { UsableKeys } from './crypto/usable-key.js';
import { DatakeyPairs } from './crypto/datakey-pairs.js';
import { Datakeys } from './crypto/datakeys.js';
import { KeyAgreement } from './crypto/key-agreement.js';
import { Macs } from './crypto/mac.js';
import { Signing } from './crypto/signing.js';
import { NewVersions } from './crypto/new-version.js';
import { RotationScheduler } from './rotation/rotation-scheduler.js';
import { IssuerRights } from './grants/issuer-rights.js';
import { CurrentKeyRights } from './aliases/current-key-rights.js';
import { ImportTokens } from './import/import-tokens.js';
import { WrappingKeyPool } from './import/wrapping-key-pool.js';
import { MaterialUnwrapping } from './import/material-unwrapping.js';
import { ImportScheduler } from './import/import-scheduler.js';
import { HSM_KEY_STORE, KeyStoreCredentials } from './key-stores/hsm-key-store.port.js';
import { HsmKeyStores } from './key-stores/hsm-key-stores.js';
import { InstanceEndpoints } from './key-stores/instance-endpoints.js';
import { HsmInstances } from './key-stores/hsm-instances.js';
import { KeyStoreKeys } from './key-stores/key-store-keys.js';
import { KeyringKeyStoreCredentials, KeyStoreAccessKeys } from './key-stores/key-store-credentials.js';

@Module({})
export class KmsModule {
  static forRoot(settings: KmsSettings): DynamicModule {
    return {
      module: KmsModule,
      imports: [DewServiceModule.forRoot(settings.service), RootKeyRotationModule.forRoot({ inject: [STREAMS_CONNECTION], useFactory: (nc: NatsConnection) => [keyringStore(nc, streams.kmsKeyring)] })],
      controllers: KMS_CONTROLLERS,
      providers: [
        { provide: KMS_SETTINGS, useValue: settings },
        { provide: MaterialGenerator, useValue: new MaterialGenerator(2) },
        keyringProvider,
        Keyrings,
        KeyIndex,
        KeyAccess,
        KeyAuthority,
        { provide: APP_GUARD, useClass: KeyAuthorizationGuard },
        DependentResources,
        DefaultKeys,
        ImportedMaterial,
        DeletionExecutor,
        Audit,
        IamDecisions,
        MaterialCache,
        UsableKeys,
        Datakeys,
        DatakeyPairs,
        KeyAgreement,
        Signing,
        Macs,
        NewVersions,
        RotationScheduler,
        IssuerRights,
        CurrentKeyRights,
        ImportTokens,
        WrappingKeyPool,
        MaterialUnwrapping,
        ImportScheduler,
        InstanceEndpoints,
        HsmKeyStores,
        { provide: HSM_KEY_STORE, useExisting: HsmKeyStores },
        { provide: KeyStoreCredentials, useClass: KeyringKeyStoreCredentials },
        HsmInstances,
        KeyStoreKeys,
        KeyStoreAccessKeys,
      ],
    };
  }
}
