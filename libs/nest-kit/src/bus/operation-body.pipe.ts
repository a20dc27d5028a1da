import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { SHAPE_CODES, validateBody, type Operation } from '@dew/contracts';

/**
 * The validation pipe of one operation: the `@Payload()` argument (Nest hands pipes an RPC
 * payload as `body`) becomes the row's DTO, checked with class-validator (`validateBody`), each
 * refusal in the row's own code family naming the field, the limit and the value. A row without a
 * DTO passes its body through as parsed.
 */
@Injectable()
export class OperationBodyPipe implements PipeTransform {
  constructor(private readonly op: Pick<Operation, 'dto' | 'family'>) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    return this.op.dto ? validateBody(this.op.dto, value, SHAPE_CODES[this.op.family]) : value;
  }
}
