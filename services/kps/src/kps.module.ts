import { Module, type DynamicModule } from '@nestjs/common';
import { Audit, DewServiceModule, EnvelopeDeps, IamDecisions, type ServiceSettings } from '@dew/nest-kit';
import { BindTasks } from './binding/bind-tasks.js';
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
      imports: [DewServiceModule.forRoot(settings)],
      controllers: KPS_CONTROLLERS,
      providers: [Audit, IamDecisions, EnvelopeDeps, PrivateKeyVault, KeypairSets, NewKeypairs, PrivateKeyExport, BindTasks],
    };
  }
}
