import { Injectable } from '@nestjs/common';
import { TokenInvalid } from '@dew/contracts';
import { findUser, type ActiveAccount, type User } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { checkTokenUse } from './token-use.js';
import { TokenService, type TokenClaims } from './token.service.js';

/** A token another caller of the same account shows (`GET /v3/auth/tokens`): it must still answer. */
@Injectable()
export class SubjectTokens {
  constructor(
    private readonly commands: AccountCommands,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  async check(subjectToken: string, ctx: RequestContext): Promise<{ account: ActiveAccount; user: User; claims: TokenClaims }> {
    const claims = await this.tokens.open(subjectToken, this.clock.now());
    if (claims.domainId !== ctx.domainId) throw TokenInvalid();
    const account = this.commands.state(ctx);
    checkTokenUse(account, claims);
    const user = findUser(account, claims.userId);
    if (!user) throw TokenInvalid();
    return { account, user, claims };
  }
}
