import { randomBytes } from 'node:crypto';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { allowListed, kmsOperations, type GenRandomRequest, type ReplyOf } from '@dew/contracts';
import { parseRandomBits } from '@dew/crypto';
import type { RequestContext } from '@dew/messaging';
import { Audit, Caller, Handles } from '@dew/nest-kit';

const trace = kmsOperations.genRandom.trace!;

/** gen-random: random bytes of a length given in bits, hex on the wire; audited. */
@Controller()
export class GenRandomController {
  constructor(private readonly audit: Audit) {}

  @Handles(kmsOperations.genRandom)
  async generate(@Payload() req: GenRandomRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.genRandom>> {
    const random = randomBytes(parseRandomBits(req.random_data_length));
    await this.audit.record(ctx, { traceName: trace.name, resourceType: trace.resourceType, resourceId: '', resourceName: '', request: allowListed(req, ['random_data_length', 'sequence']) });
    return { random_data: random.toString('hex').toUpperCase() };
  }
}
