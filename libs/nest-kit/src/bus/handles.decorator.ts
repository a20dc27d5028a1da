import { applyDecorators, createParamDecorator, SetMetadata, UsePipes, type ExecutionContext } from '@nestjs/common';
import { MessagePattern, type NatsContext } from '@nestjs/microservices';
import type { Operation } from '@dew/contracts';
import { readContext, type RequestContext } from '@dew/messaging';
import { OperationBodyPipe } from './operation-body.pipe.js';
import { OPERATION_ROW } from './operation-metadata.js';

/**
 * Marks the method that answers one row of the operation table: it is registered on the row's
 * subject (`@MessagePattern`), its payload is checked against the row's DTO, and its refusals
 * leave in the row's family. One row, one handler (checked when the service starts).
 */
export function Handles(op: Operation): MethodDecorator {
  if (!op.pattern) throw new Error(`operation ${op.name} has no subject: a scheduler does it, no request can`);
  return applyDecorators(MessagePattern(op.pattern), SetMetadata(OPERATION_ROW, op), UsePipes(new OperationBodyPipe(op)));
}

/** The request context the caller sent as NATS headers (docs/architecture.md, "Request path and context"). */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext =>
  readContext(ctx.switchToRpc().getContext<NatsContext>().getHeaders()));
