import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ValidateTokenRequest } from '@dew/contracts';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Caller, Handles, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { SubjectTokens } from './subject-tokens.js';
import { tokenView } from './token-view.js';

/** `GET /v3/auth/tokens`: the subject token's claims, echoed in `X-Subject-Token`. */
@Controller()
export class ValidateTokenController {
  constructor(
    private readonly subjectTokens: SubjectTokens,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  @Handles(iamOperations.validateToken)
  async validate(@Payload() r: ValidateTokenRequest, @Caller() ctx: RequestContext): Promise<HttpReply> {
    const { account, user, claims } = await this.subjectTokens.check(r.subject_token, ctx);
    const view = tokenView(account, user, claims, { withCatalog: r.nocatalog === undefined, region: this.settings.region });
    return new HttpReply({ token: view }, 200, { 'X-Subject-Token': r.subject_token });
  }
}
