import { Module, type DynamicModule } from '@nestjs/common';
import { DewServiceModule, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from './accounts/accounts.js';
import { ResolveAccessKeyHandler } from './access-keys/resolve-access-key.handler.js';
import { BootstrapHandler } from './bootstrap/bootstrap.handler.js';

@Module({})
export class IamModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: IamModule,
      imports: [DewServiceModule.forRoot(settings)],
      providers: [Accounts, ResolveAccessKeyHandler, BootstrapHandler],
    };
  }
}
