import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { RpcError, toServiceError } from './grpc-errors.js';

export type Handler = (req: Record<string, unknown>, call: ServerUnaryCall<unknown, unknown>) => Promise<object> | object;
export type UnaryImpl = (call: ServerUnaryCall<unknown, unknown>, cb: sendUnaryData<unknown>) => void;

export interface CallGuard {
  /** Throws an RpcError when the call must not run (standby node, revoked certificate). */
  check(call: ServerUnaryCall<unknown, unknown>): void;
  record(ms: number): void;
}

/** Adapts an async handler to grpc-js: guard, timing, errors as gRPC statuses. */
export function unary(guard: CallGuard, handler: Handler): UnaryImpl {
  return (call, cb) => {
    const started = performance.now();
    void (async () => {
      try {
        guard.check(call);
        cb(null, await handler(call.request as Record<string, unknown>, call));
      } catch (err) {
        cb(toServiceError(err));
      } finally {
        guard.record(performance.now() - started);
      }
    })();
  };
}

export function requireString(req: Record<string, unknown>, field: string): string {
  const v = req[field];
  if (typeof v !== 'string' || v === '') throw new RpcError(status.INVALID_ARGUMENT, `${field} is required`);
  return v;
}

const APPLICATION_KEY_ID = /^[0-9a-f]{32}$/;

/** Application keys have 16-byte ids; the node's own objects (CA, domain key) can never be named. */
export function requireKeyId(req: Record<string, unknown>, field = 'keyId'): string {
  const id = requireString(req, field);
  if (!APPLICATION_KEY_ID.test(id)) throw new RpcError(status.INVALID_ARGUMENT, `${field} must be 32 lowercase hex digits`);
  return id;
}

export function bytes(req: Record<string, unknown>, field: string): Buffer {
  const v = req[field];
  return Buffer.isBuffer(v) ? v : Buffer.alloc(0);
}
