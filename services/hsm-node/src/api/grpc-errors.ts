import { status, type ServerErrorResponse } from '@grpc/grpc-js';
import { TokenError } from '../token/token-error.js';

/** A gRPC status error with a message fit for the client (never key material). */
export class RpcError extends Error {
  constructor(readonly code: status, message: string) {
    super(message);
  }
}

const BY_KIND = { NOT_FOUND: status.NOT_FOUND, UNSUPPORTED: status.UNIMPLEMENTED, INVALID_ARGUMENT: status.INVALID_ARGUMENT, FAILED: status.INTERNAL } as const;

export function toServiceError(err: unknown): Partial<ServerErrorResponse> {
  if (err instanceof RpcError) return { code: err.code, details: err.message };
  if (err instanceof TokenError) return { code: BY_KIND[err.kind], details: err.message };
  // PKCS#11 errors carry only a CKR_ name; anything else is reported without its text.
  const name = (err as { message?: string }).message?.match(/CKR_[A-Z_]+/)?.[0];
  return { code: status.INTERNAL, details: name ? `the token refused the operation: ${name}` : 'internal error' };
}
