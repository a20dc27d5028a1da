import { randomBytes } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { RpcError } from './grpc-errors.js';

const CHALLENGE_TTL_MS = 60_000;
/** Outstanding challenges at most (docs/hsm-appliance.md "Admin port"): GetChallenge is unauthenticated. */
export const MAX_OUTSTANDING_CHALLENGES = 1024;

/**
 * The admin port's single-use challenges. Every challenge lives the same TTL, so insertion order
 * is expiry order: expired ones are dropped from the front, and no call scans the whole set.
 */
export class AdminChallenges {
  readonly #expiry = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): Buffer {
    this.#dropExpired();
    if (this.#expiry.size >= MAX_OUTSTANDING_CHALLENGES) {
      throw new RpcError(status.RESOURCE_EXHAUSTED, `${MAX_OUTSTANDING_CHALLENGES} challenges are outstanding, the most the node keeps: retry when one is used or expires (${CHALLENGE_TTL_MS / 1000} s)`);
    }
    const challenge = randomBytes(32);
    this.#expiry.set(challenge.toString('base64'), this.now() + CHALLENGE_TTL_MS);
    return challenge;
  }

  /** Uses up `challenge`; throws UNAUTHENTICATED when it is unknown, used or expired. */
  consume(challenge: Buffer): void {
    const key = challenge.toString('base64');
    const expires = this.#expiry.get(key);
    this.#expiry.delete(key);
    if (expires === undefined || expires < this.now()) throw new RpcError(status.UNAUTHENTICATED, 'unknown or expired challenge: ask GetChallenge for a fresh one');
  }

  #dropExpired(): void {
    const now = this.now();
    for (const [key, expires] of this.#expiry) {
      if (expires >= now) break;
      this.#expiry.delete(key);
    }
  }
}
