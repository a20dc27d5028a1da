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

/**
 * Runs `attempt` until it succeeds, a non-transient error is thrown, or `policy.attempts` were
 * made (then the last transient error is thrown). `onTransient` sees each transient failure;
 * `transient` decides which failures are (gRPC's failover statuses unless told otherwise).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  attempt: () => Promise<T>,
  onTransient: (err: unknown) => void = () => undefined,
  sleep: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
  transient: (err: unknown) => boolean = isTransient,
): Promise<T> {
  let lastError: unknown = new Error('no attempt made: the retry policy allows none');
  for (let n = 0; n < policy.attempts; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!transient(err)) throw err;
      lastError = err;
      onTransient(err);
      if (n + 1 < policy.attempts) await sleep(backoff(policy, n));
    }
  }
  throw lastError;
}
