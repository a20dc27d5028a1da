import { status, type ServiceError } from '@grpc/grpc-js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 12, baseDelayMs: 50, maxDelayMs: 800 };

/**
 * Failures a failover produces: the active node died (connection reset, refused) or the
 * standby has not bound the floating address yet. Every call of the SDK is safe to repeat
 * (reads, fresh-IV encryption, generation keyed by a request id), so these are retried.
 */
export function isTransient(err: unknown): boolean {
  const code = (err as Partial<ServiceError>).code;
  return code === status.UNAVAILABLE || code === status.CANCELLED;
}

export function backoff(policy: RetryPolicy, attempt: number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return cap / 2 + Math.random() * (cap / 2);
}
