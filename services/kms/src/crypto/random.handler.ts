import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GenRandomRequest, allowListed, validateBody } from '@dew/contracts';
import { parseRandomBits } from '@dew/crypto';
import { Audit, RpcRegistry } from '@dew/nest-kit';

/** gen-random: random bytes of a length given in bits, hex on the wire; audited. */
@Injectable()
export class RandomHandler implements OnModuleInit {
  constructor(
    private readonly audit: Audit,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.gen-random', async (body, ctx) => {
      const req = validateBody(GenRandomRequest, body);
      const random = randomBytes(parseRandomBits(req.random_data_length));
      await this.audit.record(ctx, { traceName: 'genRandom', resourceType: 'rng', resourceId: '', resourceName: '', request: allowListed(req, ['random_data_length', 'sequence']) });
      return { random_data: random.toString('hex').toUpperCase() };
    });
  }
}
