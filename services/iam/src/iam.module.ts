import { Module, type DynamicModule } from '@nestjs/common';
import { DewServiceModule, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from './accounts/accounts.js';
import { AccountCommands } from './accounts/account-commands.js';
import { AuthenticateHandler } from './authn/authenticate.handler.js';
import { DecideHandler } from './authn/decide.handler.js';
import { BootstrapHandler } from './bootstrap/bootstrap.handler.js';
import { TokenService } from './tokens/token.service.js';
import { TokenHandlers } from './tokens/token.handlers.js';
import { UserHandlers } from './users/user.handlers.js';
import { UserWrites } from './users/user-writes.js';
import { OsUserHandlers } from './users/os-user.handlers.js';
import { OwnPasswordHandler } from './users/own-password.handler.js';
import { RoleAssignmentHandlers } from './policies/role-assignment.handlers.js';
import { GroupHandlers } from './groups/group.handlers.js';
import { PolicyHandlers } from './policies/policy.handlers.js';
import { AccessKeyHandlers } from './access-keys/access-key.handlers.js';
import { ProjectHandlers } from './projects/project.handlers.js';

@Module({})
export class IamModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: IamModule,
      imports: [DewServiceModule.forRoot(settings)],
      providers: [
        Accounts,
        AccountCommands,
        TokenService,
        AuthenticateHandler,
        DecideHandler,
        BootstrapHandler,
        TokenHandlers,
        UserWrites,
        UserHandlers,
        OsUserHandlers,
        OwnPasswordHandler,
        RoleAssignmentHandlers,
        GroupHandlers,
        PolicyHandlers,
        AccessKeyHandlers,
        ProjectHandlers,
      ],
    };
  }
}
