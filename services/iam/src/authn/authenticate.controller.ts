import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type AuthenticateRequest } from '@dew/contracts';
import { Handles } from '@dew/nest-kit';
import { Authenticator } from './authenticator.js';

/**
 * For the gateway only (NATS permissions): who holds a credential and IAM's decision on the
 * request's action, in one round trip. Every signed request passes here: nothing but the check.
 */
@Controller()
export class AuthenticateController {
  constructor(private readonly authenticator: Authenticator) {}

  @Handles(iamOperations.authenticate)
  authenticate(@Payload() req: AuthenticateRequest): Promise<ReplyOf<typeof iamOperations.authenticate>> {
    return this.authenticator.answer(req);
  }
}
