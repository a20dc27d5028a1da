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
    const openedAt = cacheTime();
    const cached = this.#secrets.get(accessKey, wrappedSecret, openedAt);
    const secret = cached ?? (await this.root.unwrap(Buffer.from(wrappedSecret, 'base64'), secretAad(accessKey)));
    const { account, userId } = cached ? { account: before.account, userId: before.found.userId } : this.#afterUnwrap(accessKey, wrappedSecret, secret);
    const matches = signatureMatches(secret.toString('utf8'), credential.string_to_sign ?? [], credential.signature ?? '');
    if (!matches) this.#failures.recordFailure(accessKey);
    // Kept once a signature verified with it. A bad signature leaves nothing in memory, until the
    // key's failures are spent: then the SK is kept, so a flood of bogus signatures naming it costs
    // one unwrap per lifetime instead of one per request, and its owner's signatures still verify.
    if (!cached) {
      if (matches || this.#failures.isBlocked(accessKey)) this.#secrets.put(subjects.iamAccount(account.domainId), accessKey, wrappedSecret, secret, openedAt);
      else secret.fill(0);
    }
    if (!matches) throw CredentialUnusable();
    return { account, userId };
  }

  /** The state after the unwrap's await: still usable, still the SK just unwrapped. */
  #afterUnwrap(accessKey: string, wrappedSecret: string, secret: Buffer): { account: ActiveAccount; userId: string } {
    const now = this.current(accessKey);
    if (now?.found.usable && now.found.wrappedSecret === wrappedSecret) return { account: now.account, userId: now.found.userId };
    secret.fill(0);
    throw CredentialUnusable();
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
