import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { SHAPE_CODES, validateBody, type Operation } from '@dew/contracts';
import { MalformedBody } from './request-body.js';

/** Nest's RpcParamtype.PAYLOAD (not exported by the package): the pipe checks the `@Payload()` argument only. */
const PAYLOAD = 3;

/**
 * The validation pipe of one operation: the payload becomes the row's DTO, checked with
 * class-validator (`validateBody`), each refusal in the row's own code family naming the field,
 * the limit and the value. A row without a DTO passes its body through as parsed.
 */
@Injectable()
export class OperationBodyPipe implements PipeTransform {
  constructor(private readonly op: Pick<Operation, 'dto' | 'family'>) {}

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if ((metadata.type as unknown) !== PAYLOAD) return value;
    if (value instanceof MalformedBody) throw value.refusal;
    return this.op.dto ? validateBody(this.op.dto, value, SHAPE_CODES[this.op.family]) : value;
  }
}
