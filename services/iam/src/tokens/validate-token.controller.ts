import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ValidateTokenRequest } from '@dew/contracts';
import type { HttpReply, RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { SubjectTokens } from './subject-tokens.js';
import { TokenViews } from './token-views.js';

/** `GET /v3/auth/tokens`: the subject token's claims, echoed in `X-Subject-Token`. */
@Controller()
export class ValidateTokenController {
  constructor(
    private readonly subjectTokens: SubjectTokens,
    private readonly views: TokenViews,
  ) {}

  @Handles(iamOperations.validateToken)
  async validate(@Payload() r: ValidateTokenRequest, @Caller() ctx: RequestContext): Promise<HttpReply<ReplyOf<typeof iamOperations.validateToken>>> {
    return this.views.reply(await this.subjectTokens.check(r.subject_token, ctx), r.nocatalog, 200, r.subject_token);
  }
}
