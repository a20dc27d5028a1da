import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, type CreateKeypairRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { NewKeypairs } from './new-keypairs.js';

/** POST keypairs: a generated pair (private key shown once unless hosted) or an imported public key. */
@Controller()
export class CreateKeypairController {
  constructor(private readonly keypairs: NewKeypairs) {}

  @Handles(kpsOperations.createKeypair)
  create(@Payload() r: CreateKeypairRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.createKeypair>> {
    return this.keypairs.create(ctx, r.keypair);
  }
}
