import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { signatureMatches } from '@dew/aksk';
import { CredentialUnusable, SignatureAlreadyUsed, type AuthenticateCredential, type AuthenticateRequest } from '@dew/contracts';
import { cacheTime, type RootKeyProvider } from '@dew/crypto';
import { authorize, domainOfAccessKey, findAccessKey, findUser, keyResourceUrn, listProjects, type ActiveAccount } from '@dew/iam-domain';
import { SeenOnce, kvBuckets, subjects } from '@dew/messaging';
import { Clock, ROOT_KEY, SERVICE_SETTINGS, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { secretAad } from '../access-keys/secrets.js';
import { checkTokenUse } from '../tokens/token-use.js';
import { TokenService } from '../tokens/token.service.js';
import { UnwrappedSecrets } from './unwrapped-secrets.js';

const UNKNOWN = CredentialUnusable;

/** docs/iam-security.md, "Unwrapped SKs in memory": a busy key is unwrapped once a minute. */
const UNWRAPPED_SECRET_LIMITS = { maxEntries: 1024, lifetimeMs: 60_000 };

/** Sorted project ids per projects map: a state's maps never change, so they are sorted once per change, not per request. */
const projectIdsByMap = new WeakMap<ActiveAccount['projects'], readonly string[]>();

function projectIdsOf(account: ActiveAccount): readonly string[] {
  let ids = projectIdsByMap.get(account.projects);
  if (ids === undefined) projectIdsByMap.set(account.projects, (ids = listProjects(account).map((p) => p.id)));
  return ids;
}

/**
 * Who holds a credential and IAM's decision on the request's action. For AK/SK the gateway sends
 * the strings the client signed and the signature; IAM checks the HMAC with the SK it keeps
 * wrapped, and the SK never leaves it (docs/bus-security.md). Unknown, inactive, disabled-user
 * credentials and wrong signatures all answer the same IAM.0002.
 */
@Injectable()
export class Authenticator implements OnModuleDestroy {
  readonly #signaturesSeen: SeenOnce;
  readonly #secrets = new UnwrappedSecrets(UNWRAPPED_SECRET_LIMITS);
  readonly #sweep: NodeJS.Timeout;

  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    @Inject(STREAMS_CONNECTION) streams: NatsConnection,
  ) {
    this.#signaturesSeen = new SeenOnce(streams, kvBuckets.iamSignatures.name, kvBuckets.iamSignatures.ttlMs, settings.streamReplicas);
    // Any event of an account (a key disabled, deleted or rotated, a user disabled, a rewrap…)
    // drops its SKs from memory; the state check before each use covers the same within a request.
    accounts.store.onApply((subject) => this.#secrets.forgetAccount(subject));
    this.#sweep = setInterval(() => this.#secrets.dropExpired(cacheTime()), UNWRAPPED_SECRET_LIMITS.lifetimeMs);
    this.#sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.#sweep);
    this.#secrets.clear();
  }

  async answer(req: AuthenticateRequest) {
    const { account, userId } = req.credential.kind === 'aksk' ? await this.#byAccessKey(req.credential) : await this.#byToken(req.credential.token ?? '', req.project_id);
    const user = findUser(account, userId);
    if (!user || !user.enabled) throw UNKNOWN();
    if (req.credential.kind === 'aksk' && req.credential.single_use === true) await this.#useOnce(req.credential.signature ?? '');
    const ask = (action: string, keyId: string | undefined) => authorize(account, {
      userId,
      action,
      ...(req.project_id ? { projectId: req.project_id } : {}),
      ...(keyId ? { resource: keyResourceUrn(this.settings.region, account.domainId, keyId) } : {}),
    });
    const { decision, reason } = ask(req.action, req.key_id);
    const second = req.second_action && req.second_key_id ? { second_decision: ask(req.second_action, req.second_key_id).decision } : {};
    return {
      user_id: user.id,
      user_name: user.name,
      domain_id: account.domainId,
      domain_name: account.name,
      is_domain_admin: user.isDomainAdmin,
      project_ids: projectIdsOf(account),
      decision,
      reason,
      ...second,
    };
  }

  async #byAccessKey(credential: AuthenticateCredential): Promise<{ account: ActiveAccount; userId: string }> {
    const accessKey = credential.access_key ?? '';
    const domainId = domainOfAccessKey(this.accounts.directory, accessKey);
    const account = domainId ? this.accounts.of(domainId) : null;
    const found = account?.status === 'Active' ? findAccessKey(account, accessKey) : null;
    if (account?.status !== 'Active' || !found || !found.usable) throw UNKNOWN();
    const { wrappedSecret } = found;
    // Nothing awaits between taking the SK from memory and using it: a drop meanwhile would zero it.
    const openedAt = cacheTime();
    const cached = this.#secrets.get(accessKey, wrappedSecret, openedAt);
    const secret = cached ?? (await this.root.unwrap(Buffer.from(wrappedSecret, 'base64'), secretAad(accessKey)));
    const matches = signatureMatches(secret.toString('utf8'), credential.string_to_sign ?? [], credential.signature ?? '');
    // Kept only once a signature verified with it: a bad signature naming a known access key
    // leaves nothing in memory.
    if (!cached) {
      if (matches) this.#secrets.put(subjects.iamAccount(account.domainId), accessKey, wrappedSecret, secret, openedAt);
      else secret.fill(0);
    }
    if (!matches) throw UNKNOWN();
    return { account, userId: found.userId };
  }

  /** A verified signature of a single-use call: refused if any gateway showed it before. */
  async #useOnce(signature: string): Promise<void> {
    if (await this.#signaturesSeen.firstOffer(signature)) return;
    throw SignatureAlreadyUsed();
  }

  async #byToken(token: string, projectId: string | undefined): Promise<{ account: ActiveAccount; userId: string }> {
    const claims = await this.tokens.open(token, this.clock.now());
    const account = this.accounts.of(claims.domainId);
    if (account.status !== 'Active') throw UNKNOWN();
    checkTokenUse(account, claims, projectId);
    return { account, userId: claims.userId };
  }
}
