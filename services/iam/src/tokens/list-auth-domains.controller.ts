import { Controller } from '@nestjs/common';
import { iamOperations, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { domainView, listLinks } from '../iam-views.js';

/** `GET /v3/auth/domains`: the caller's own account. */
@Controller()
export class ListAuthDomainsController {
  constructor(private readonly commands: AccountCommands) {}

  @Handles(iamOperations.listAuthDomains)
  list(@Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listAuthDomains> {
    return { domains: [domainView(this.commands.state(ctx))], links: listLinks('/v3/auth/domains') };
  }
}
