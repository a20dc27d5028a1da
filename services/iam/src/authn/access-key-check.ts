import { FailureRateLimiter, signatureMatches, type FailureRateLimiterOptions } from '@dew/aksk';
import { CredentialUnusable, type AuthenticateCredential } from '@dew/contracts';
import { cacheTime, type RootKeyProvider } from '@dew/crypto';
import type { AccessKeyLookup, ActiveAccount } from '@dew/iam-domain';
import { subjects } from '@dew/messaging';
import { secretAad } from '../access-keys/secrets.js';
import { UnwrappedSecrets, type UnwrappedSecretLimits } from './unwrapped-secrets.js';

/** An access key as the current account state has it; null when unknown or its account is not active. */
export interface CurrentAccessKey {
  readonly account: ActiveAccount;
  readonly found: AccessKeyLookup;
}

export interface AccessKeyCheckLimits {
  readonly secrets: UnwrappedSecretLimits;
  /** Failed verifications per access key before its SK is kept to check the next ones from memory. */
  readonly failures: FailureRateLimiterOptions;
}

/** An SK being unwrapped, shared by the checks waiting for it (see AccessKeyCheck.#open). */
interface Opening {
  readonly id: string;
  readonly accessKey: string;
  readonly wrappedSecret: string;
  readonly openedAt: number;
  readonly secret: Promise<Buffer>;
  waiters: number;
  /** A waiting check verified with it, or the key's failures are spent: keep it in memory. */
  keep: boolean;
  /** The key changed while it was being unwrapped: never keep it. */
  stale: boolean;
}

/** docs/iam-security.md, "Unwrapped SKs in memory" and "Bogus signatures naming a real access key". */
export const ACCESS_KEY_CHECK_LIMITS: AccessKeyCheckLimits = {
  secrets: { maxEntries: 1024, lifetimeMs: 60_000 },
  failures: { capacity: 5, refillPerSecond: 0.1 },
};

/**
 * The HMAC check of an AK/SK request with the SK IAM keeps wrapped (docs/bus-security.md). The
 * state is read again after every await: a key or user disabled while its SK was being unwrapped
 * is refused, never answered from the state read before.
 */
export class AccessKeyCheck {
  readonly #secrets: UnwrappedSecrets;
  readonly #failures: FailureRateLimiter;
  readonly #opening = new Map<string, Opening>();

  constructor(
    private readonly current: (accessKey: string) => CurrentAccessKey | null,
    private readonly root: Pick<RootKeyProvider, 'unwrap'>,
    limits: AccessKeyCheckLimits = ACCESS_KEY_CHECK_LIMITS,
  ) {
    this.#secrets = new UnwrappedSecrets(limits.secrets);
    this.#failures = new FailureRateLimiter(limits.failures);
  }

  /** The access key's account and user now, or IAM.0002 when it is not usable any more. */
  usable(accessKey: string): { account: ActiveAccount; userId: string } {
    const now = this.current(accessKey);
    if (!now?.found.usable) throw CredentialUnusable();
    return { account: now.account, userId: now.found.userId };
  }

  async verify(credential: AuthenticateCredential): Promise<{ account: ActiveAccount; userId: string }> {
    const accessKey = credential.access_key ?? '';
    const before = this.current(accessKey);
    if (!before?.found.usable) throw CredentialUnusable();
    const { wrappedSecret } = before.found;
    // Nothing awaits between taking the SK from memory and using it: a drop meanwhile would zero it.
    const cached = this.#secrets.get(accessKey, wrappedSecret, cacheTime());
    if (cached) {
      if (signatureMatches(cached.toString('utf8'), credential.string_to_sign ?? [], credential.signature ?? '')) return { account: before.account, userId: before.found.userId };
      this.#failures.recordFailure(accessKey);
      throw CredentialUnusable();
    }
    const opening = this.#open(accessKey, wrappedSecret);
    let outcome: { account: ActiveAccount; userId: string } | undefined;
    try {
      const secret = await opening.secret;
      outcome = this.#afterUnwrap(accessKey, wrappedSecret);
      if (!outcome) opening.stale = true;
      else if (signatureMatches(secret.toString('utf8'), credential.string_to_sign ?? [], credential.signature ?? '')) opening.keep = true;
      else {
        this.#failures.recordFailure(accessKey);
        // A flood of bogus signatures naming the key: once its failures are spent its SK is kept,
        // so the flood costs one unwrap per lifetime instead of one per request, and its owner's
        // signatures still verify.
        if (this.#failures.isBlocked(accessKey)) opening.keep = true;
        outcome = undefined;
      }
    } finally {
      this.#release(opening);
    }
    if (!outcome) throw CredentialUnusable();
    return outcome;
  }

  /**
   * One unwrap of an SK for every check that needs it at the same time: requests that arrive
   * together (one socket read starts them all before any unwrap ends) share it, so a burst of
   * bogus signatures costs one unwrap, not one each.
   */
  #open(accessKey: string, wrappedSecret: string): Opening {
    const id = `${accessKey}\u0000${wrappedSecret}`;
    let opening = this.#opening.get(id);
    if (!opening) {
      const openedAt = cacheTime();
      opening = { id, accessKey, wrappedSecret, openedAt, secret: this.root.unwrap(Buffer.from(wrappedSecret, 'base64'), secretAad(accessKey)), waiters: 0, keep: false, stale: false };
      this.#opening.set(id, opening);
    }
    opening.waiters++;
    return opening;
  }

  /**
   * The last check of an unwrap decides what becomes of the SK: kept once a signature verified
   * with it (or the key's failures are spent), zeroed otherwise or when the state moved on meanwhile.
   */
  #release(opening: Opening): void {
    if (--opening.waiters > 0) return;
    this.#opening.delete(opening.id);
    opening.secret.then(
      (secret) => {
        try {
          const now = this.current(opening.accessKey);
          if (opening.keep && !opening.stale && now?.found.usable && now.found.wrappedSecret === opening.wrappedSecret) {
            this.#secrets.put(subjects.iamAccount(now.account.domainId), opening.accessKey, opening.wrappedSecret, secret, opening.openedAt);
            return;
          }
        } catch {
          // kept nowhere then: zeroed below
        }
        secret.fill(0);
      },
      () => undefined,
    );
  }

  /** The state after the unwrap's await: still usable, still the SK just unwrapped; undefined otherwise. */
  #afterUnwrap(accessKey: string, wrappedSecret: string): { account: ActiveAccount; userId: string } | undefined {
    const now = this.current(accessKey);
    return now?.found.usable && now.found.wrappedSecret === wrappedSecret ? { account: now.account, userId: now.found.userId } : undefined;
  }

  /** Something changed in the account (its stream subject): none of its SKs is answered from memory any more. */
  forgetAccount(subject: string): void {
    this.#secrets.forgetAccount(subject);
  }

  dropExpired(): void {
    this.#secrets.dropExpired(cacheTime());
  }

  clear(): void {
    this.#secrets.clear();
  }
}
