import { Injectable } from '@nestjs/common';
import { TokenInvalid } from '@dew/contracts';
import { findUser } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { checkTokenUse } from './token-use.js';
import type { TokenSubject } from './token-view.js';
import { TokenService } from './token.service.js';

/** A token another caller of the same account shows (`GET /v3/auth/tokens`): it must still answer. */
@Injectable()
export class SubjectTokens {
  constructor(
    private readonly commands: AccountCommands,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  async check(subjectToken: string, ctx: RequestContext): Promise<TokenSubject> {
    const claims = await this.tokens.open(subjectToken, this.clock.now());
    if (claims.domainId !== ctx.domainId) throw TokenInvalid();
    const account = this.commands.state(ctx);
    checkTokenUse(account, claims);
    const user = findUser(account, claims.userId);
    if (!user) throw TokenInvalid();
    return { account, user, claims };
  }
}
