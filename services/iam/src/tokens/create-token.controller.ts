import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type CreateTokenRequest } from '@dew/contracts';
import type { HttpReply, RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PasswordLogins } from './password-logins.js';
import { TokenViews } from './token-views.js';

/** `POST /v3/auth/tokens`: a password login, answered 201 with the token in `X-Subject-Token`. */
@Controller()
export class CreateTokenController {
  constructor(
    private readonly logins: PasswordLogins,
    private readonly views: TokenViews,
  ) {}

  @Handles(iamOperations.createToken)
  async create(@Payload() r: CreateTokenRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.createToken>>> {
    const login = await this.logins.login(r.auth, ctx);
    return this.views.reply(login, r.nocatalog, 201, login.token);
  }
}
