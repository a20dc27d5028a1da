import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type CreateTokenRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { PasswordLogins } from './password-logins.js';
import { tokenView } from './token-view.js';

/** `POST /v3/auth/tokens`: a password login, answered 201 with the token in `X-Subject-Token`. */
@Controller()
export class CreateTokenController {
  constructor(
    private readonly logins: PasswordLogins,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Handles(iamOperations.createToken)
  async create(@Payload() r: CreateTokenRequest, @Caller() ctx: RequestContext): Promise<HttpReply> {
    const { account, user, claims, token } = await this.logins.login(r.auth, ctx);
    const view = tokenView(account, user, claims, { withCatalog: r.nocatalog === undefined, region: this.settings.region });
    return new HttpReply({ token: view }, 201, { 'X-Subject-Token': token });
  }
}
