import { Module, type DynamicModule } from '@nestjs/common';
import { keyringStore, RootKeyRotationModule } from '@dew/root-key';
import { streams } from '@dew/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { Audit, DewServiceModule, EnvelopeDeps, IamDecisions, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { BindTasks } from './binding/bind-tasks.js';
import { DeadlineSweep } from './binding/deadline-sweep.js';
import { KeypairSets } from './keypairs/keypair-sets.js';
import { NewKeypairs } from './keypairs/new-keypairs.js';
import { KPS_CONTROLLERS } from './kps.controllers.js';
import { PrivateKeyExport } from './private-keys/private-key-export.js';
import { PrivateKeyVault } from './private-keys/private-key-vault.js';

@Module({})
export class KpsModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: KpsModule,
      imports: [DewServiceModule.forRoot(settings), RootKeyRotationModule.forRoot({ inject: [STREAMS_CONNECTION], useFactory: (nc: NatsConnection) => [keyringStore(nc, streams.kpsKeyring)] })],
      controllers: KPS_CONTROLLERS,
      providers: [Audit, IamDecisions, EnvelopeDeps, PrivateKeyVault, KeypairSets, NewKeypairs, PrivateKeyExport, BindTasks, DeadlineSweep],
    };
  }
}
