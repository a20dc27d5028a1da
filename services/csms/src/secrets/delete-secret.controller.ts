import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { csmsOperations, type ReplyOf, type SecretNameRequest } from '@dew/contracts';
import { keyringOwnerOf } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Clock, Handles } from '@dew/nest-kit';
import { Envelope } from '../envelope/envelope.js';
import { SecretSets } from './secret-sets.js';

/** DELETE secrets/{secret_name}: the event first, then its keyring entry is erased (docs/architecture.md, "Keyrings and crypto-shredding"). */
@Controller()
export class DeleteSecretController {
  constructor(
    private readonly sets: SecretSets,
    private readonly envelope: Envelope,
    private readonly clock: Clock,
  ) {}

  @Handles(csmsOperations.deleteSecret)
  async delete(@Payload() r: SecretNameRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof csmsOperations.deleteSecret>> {
    const secret = this.sets.named(ctx, r.secret_name);
    await this.sets.execute(ctx, { type: 'DeleteSecret', name: r.secret_name, now: this.clock.now() });
    await this.envelope.eraseEntry(keyringOwnerOf(secret));
    return {};
  }
}
