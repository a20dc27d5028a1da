import { validateBody } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import type { RpcRegistry } from '@dew/nest-kit';
import { IAM_SHAPE } from './iam-shape.js';

/** Registers one IAM request subject whose body is checked against a DTO first. */
export function onRequest<T extends object>(rpc: RpcRegistry, subject: string, dto: new () => T, handler: (req: T, ctx: RequestContext) => Promise<unknown>): void {
  rpc.register(subject, (body, ctx) => handler(validateBody(dto, body, IAM_SHAPE), ctx));
}
