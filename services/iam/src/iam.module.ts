import { Module, type DynamicModule } from '@nestjs/common';
import { accessKeySecretsStore, keyringStore, RootKeyRotationModule } from '@dew/root-key';
import { streams } from '@dew/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { DewServiceModule, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from './accounts/accounts.js';
import { AccountCommands } from './accounts/account-commands.js';
import { AccessKeyWrites } from './access-keys/access-key-writes.js';
import { Authenticator } from './authn/authenticator.js';
import { FirstAccount } from './bootstrap/first-account.js';
import { IAM_CONTROLLERS } from './iam.controllers.js';
import { PermissionCatalog } from './policies/permission-catalog.js';
import { PolicyAttachments } from './policies/policy-attachments.js';
import { PasswordLogins } from './tokens/password-logins.js';
import { SubjectTokens } from './tokens/subject-tokens.js';
import { TokenService } from './tokens/token.service.js';
import { TokenViews } from './tokens/token-views.js';
import { OsUserWrites } from './users/os-user-writes.js';
import { OwnPasswordChanges } from './users/own-password-changes.js';
import { UserWrites } from './users/user-writes.js';

@Module({})
export class IamModule {
  static forRoot(settings: ServiceSettings): DynamicModule {
    return {
      module: IamModule,
      imports: [
        DewServiceModule.forRoot(settings),
        RootKeyRotationModule.forRoot({ inject: [STREAMS_CONNECTION], useFactory: (nc: NatsConnection) => [keyringStore(nc, streams.iamKeyring), accessKeySecretsStore(nc)] }),
      ],
      controllers: [...IAM_CONTROLLERS],
      providers: [
        Accounts,
        AccountCommands,
        TokenService,
        Authenticator,
        FirstAccount,
        PasswordLogins,
        SubjectTokens,
        TokenViews,
        UserWrites,
        OsUserWrites,
        OwnPasswordChanges,
        AccessKeyWrites,
        PolicyAttachments,
        PermissionCatalog,
      ],
    };
  }
}
