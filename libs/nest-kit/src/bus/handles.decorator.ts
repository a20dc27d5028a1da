import { applyDecorators, createParamDecorator, SetMetadata, UsePipes, type ExecutionContext } from '@nestjs/common';
import { MessagePattern, type NatsContext } from '@nestjs/microservices';
import type { Operation } from '@dew/contracts';
import { readContext, type RequestContext } from '@dew/messaging';
import { OperationBodyPipe } from './operation-body.pipe.js';
import { OPERATION_ROW } from './operation-metadata.js';
import { withStoredWritesTally } from './stored-writes.js';

/**
 * Marks the method that answers one row of the operation table: it is registered on the row's
 * subject (`@MessagePattern`), its payload is checked against the row's DTO (the transport has
 * already refused a body that is not a JSON object), and its refusals
 * leave in the row's family. One row, one handler (checked when the service starts).
 */
export function Handles(op: Operation): MethodDecorator {
  if (!op.pattern) throw new Error(`operation ${op.name} has no subject: a scheduler does it, no request can`);
  return applyDecorators(
    takesPayloadWhenChecked(op),
    MessagePattern(op.pattern), SetMetadata(OPERATION_ROW, op), UsePipes(new OperationBodyPipe(op)));
}

/** Nest's key of route/RPC argument metadata, and the index of `@Payload()` (RpcParamtype.PAYLOAD) in it. */
const PARAM_ARGS = '__routeArguments__';
const PAYLOAD_PARAM = /^3:/;

/**
 * A row with a DTO must be answered by a method that takes `@Payload()`: pipes see declared
 * parameters only, so without one the DTO would never be checked. Parameter decorators run
 * before method decorators, so the class fails as it is defined.
 */
function takesPayloadWhenChecked(op: Operation): MethodDecorator {
  return (target, key) => {
    if (!op.dto) return;
    const params = (Reflect.getMetadata(PARAM_ARGS, target.constructor, key) ?? {}) as Record<string, unknown>;
    if (!Object.keys(params).some((k) => PAYLOAD_PARAM.test(k))) {
      throw new Error(`${target.constructor.name}.${String(key)} handles ${op.pattern} without @Payload(): its ${op.dto.name} would never be checked`);
    }
  };
}

/**
 * The request context the caller sent as NATS headers (docs/architecture.md, "Request path and
 * context"), tallying the request's stored writes (stored-writes.ts).
 */
export const Caller = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestContext => {
  const request = ctx.switchToRpc().getContext<NatsContext>();
  return withStoredWritesTally(request, readContext(request.getHeaders()));
});
