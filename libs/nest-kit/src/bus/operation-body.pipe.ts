import { Injectable, type ArgumentMetadata, type CanActivate, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { BodyNotAnObject, SHAPE_CODES, validateBody, type Operation } from '@dew/contracts';
import { operationOfHandler } from './operation-metadata.js';
import { MalformedBody } from './request-body.js';

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
    if (value instanceof MalformedBody) throw value.refusal;
    return this.op.dto ? validateBody(this.op.dto, value, SHAPE_CODES[this.op.family]) : value;
  }
}

/**
 * A body that is not JSON within the limits, or not a JSON object, is refused in the row's family
 * before any handler runs, whether or not the handler reads its payload or the row has a DTO
 * (pipes see only declared parameters; guards see every call).
 */
@Injectable()
export class WellFormedBody implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const data = context.switchToRpc().getData<unknown>();
    if (data instanceof MalformedBody) throw data.refusal;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      const family = operationOfHandler(context.getHandler())?.family ?? 'kms';
      throw BodyNotAnObject(SHAPE_CODES[family].invalid);
    }
    return true;
  }
}
