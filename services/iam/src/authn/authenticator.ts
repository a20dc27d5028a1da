import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { CredentialUnusable, SignatureAlreadyUsed, type AuthenticateCredential, type AuthenticateRequest } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { authorize, domainOfAccessKey, findAccessKey, findUser, keyResourceUrn, listProjects, type ActiveAccount } from '@dew/iam-domain';
import { SeenOnce, kvBuckets } from '@dew/messaging';
import { Clock, ROOT_KEY, SERVICE_SETTINGS, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { checkTokenUse } from '../tokens/token-use.js';
import { TokenService } from '../tokens/token.service.js';
import { ACCESS_KEY_CHECK_LIMITS, AccessKeyCheck, type CurrentAccessKey } from './access-key-check.js';

const UNKNOWN = CredentialUnusable;

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
  readonly #accessKeys: AccessKeyCheck;
  readonly #sweep: NodeJS.Timeout;

  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    @Inject(ROOT_KEY) root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    @Inject(STREAMS_CONNECTION) streams: NatsConnection,
  ) {
    this.#signaturesSeen = new SeenOnce(streams, kvBuckets.iamSignatures.name, kvBuckets.iamSignatures.ttlMs, settings.streamReplicas);
    // Any event of an account (a key disabled, deleted or rotated, a user disabled, a rewrap…)
    // drops its SKs from memory; the state check before each use covers the same within a request.
    this.#accessKeys = new AccessKeyCheck((accessKey) => this.#currentAccessKey(accessKey), root);
    accounts.store.onApply((subject) => this.#accessKeys.forgetAccount(subject));
    this.#sweep = setInterval(() => this.#accessKeys.dropExpired(), ACCESS_KEY_CHECK_LIMITS.secrets.lifetimeMs);
    this.#sweep.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.#sweep);
    this.#accessKeys.clear();
  }

  async answer(req: AuthenticateRequest) {
    const aksk = req.credential.kind === 'aksk' ? req.credential : null;
    let { account, userId } = aksk ? await this.#accessKeys.verify(aksk) : await this.#byToken(req.credential.token ?? '', req.project_id);
    if (aksk && aksk.single_use === true) {
      await this.#useOnce(aksk.signature ?? '');
      // Read again after the await: a key or user disabled meanwhile is refused.
      ({ account, userId } = this.#accessKeys.usable(aksk.access_key ?? ''));
    }
    const user = findUser(account, userId);
    if (!user || !user.enabled) throw UNKNOWN();
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

  #currentAccessKey(accessKey: string): CurrentAccessKey | null {
    const domainId = domainOfAccessKey(this.accounts.directory, accessKey);
    const account = domainId ? this.accounts.of(domainId) : null;
    const found = account?.status === 'Active' ? findAccessKey(account, accessKey) : null;
    return account?.status === 'Active' && found ? { account, found } : null;
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
