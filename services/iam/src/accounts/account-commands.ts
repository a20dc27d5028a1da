import { Injectable } from '@nestjs/common';
import { DomainNotFound, NotCallersDomain } from '@dew/contracts';
import type { Instant } from '@dew/decider';
import { decide, type AccountCommand, type AccountState, type ActiveAccount } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { Accounts } from './accounts.js';

/** The caller's account: every IAM call acts inside the domain the gateway authenticated. */
@Injectable()
export class AccountCommands {
  constructor(
    private readonly accounts: Accounts,
    private readonly clock: Clock,
  ) {}

  now(): Instant {
    return this.clock.now();
  }

  state(ctx: RequestContext): ActiveAccount {
    const state = this.accounts.of(ctx.domainId);
    if (state.status !== 'Active') throw DomainNotFound(ctx.domainId);
    return state;
  }

  /** A domain id in the path must be the caller's own. */
  requireOwnDomain(ctx: RequestContext, domainId: string | undefined): void {
    if (domainId !== undefined && domainId !== ctx.domainId) {
      throw NotCallersDomain(domainId.slice(0, 64));
    }
  }

  async run(ctx: RequestContext, command: (now: Instant) => AccountCommand): Promise<ActiveAccount> {
    const cmd = command(this.now());
    const { state } = await this.accounts.execute(ctx, ctx.domainId, (s: AccountState) => decide(s, cmd));
    if (state.status !== 'Active') throw DomainNotFound(ctx.domainId);
    return state;
  }
}
