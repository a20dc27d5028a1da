import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import type { NatsConnection } from '@nats-io/transport-node';
import { signatureMatches } from '@dew/aksk';
import { CredentialUnusable, SignatureAlreadyUsed, validateBody } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { authorize, domainOfAccessKey, findAccessKey, findUser, keyResourceUrn, listProjects, type ActiveAccount } from '@dew/iam-domain';
import { SeenOnce, kvBuckets } from '@dew/messaging';
import { Clock, ROOT_KEY, RpcRegistry, SERVICE_SETTINGS, STREAMS_CONNECTION, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { secretAad } from '../access-keys/secrets.js';
import { IAM_SHAPE } from '../iam-shape.js';
import { checkTokenUse } from '../tokens/token-use.js';
import { TokenService } from '../tokens/token.service.js';

const STRING_TO_SIGN = /^SDK-HMAC-SHA256\n\d{8}T\d{6}Z\n[0-9a-f]{64}$/;

class CredentialDto {
  @IsIn(['aksk', 'token']) kind!: 'aksk' | 'token';
  @IsOptional() @IsString() access_key?: string;
  @IsOptional() @IsString() token?: string;
  /** AK/SK: what the client signed, as the gateway rebuilt it (one, or two for the Node SDK's legacy path form). */
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2) @Matches(STRING_TO_SIGN, { each: true }) string_to_sign?: string[];
  @IsOptional() @Matches(/^[0-9a-f]{64}$/) signature?: string;
  /** The call's answer is a credential: each signature is accepted once. */
  @IsOptional() @IsBoolean() single_use?: boolean;
}

class AuthenticateRequest {
  @IsDefined() @ValidateNested() @Type(() => CredentialDto) credential!: CredentialDto;
  @IsDefined() @IsString() action!: string;
  @IsOptional() @IsString() project_id?: string;
  @IsOptional() @IsString() key_id?: string;
}

const UNKNOWN = CredentialUnusable;

/**
 * For the gateway only (NATS permissions): who holds a credential and IAM's decision on the
 * request's action, in one round trip. For AK/SK the gateway sends the strings the client signed
 * and the signature; IAM checks the HMAC with the SK it keeps wrapped, and the SK never leaves it
 * (docs/bus-security.md). Unknown, inactive, disabled-user credentials and wrong signatures all
 * answer the same IAM.0002.
 */
@Injectable()
export class AuthenticateHandler implements OnModuleInit {
  readonly #signaturesSeen: SeenOnce;

  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: TokenService,
    private readonly rpc: RpcRegistry,
    private readonly clock: Clock,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
    @Inject(STREAMS_CONNECTION) streams: NatsConnection,
  ) {
    this.#signaturesSeen = new SeenOnce(streams, kvBuckets.iamSignatures.name, kvBuckets.iamSignatures.ttlMs, settings.streamReplicas);
  }

  onModuleInit(): void {
    this.rpc.register('iam.authenticate', (body) => this.handle(body));
  }

  async handle(body: unknown) {
    const req = validateBody(AuthenticateRequest, body, IAM_SHAPE);
    const { account, userId } = req.credential.kind === 'aksk' ? await this.#byAccessKey(req.credential) : await this.#byToken(req.credential.token ?? '', req.project_id);
    const user = findUser(account, userId);
    if (!user || !user.enabled) throw UNKNOWN();
    if (req.credential.kind === 'aksk' && req.credential.single_use === true) await this.#useOnce(req.credential.signature ?? '');
    const { decision, reason } = authorize(account, {
      userId,
      action: req.action,
      ...(req.project_id ? { projectId: req.project_id } : {}),
      ...(req.key_id ? { resource: keyResourceUrn(this.settings.region, account.domainId, req.key_id) } : {}),
    });
    return {
      user_id: user.id,
      user_name: user.name,
      domain_id: account.domainId,
      domain_name: account.name,
      is_domain_admin: user.isDomainAdmin,
      project_ids: listProjects(account).map((p) => p.id),
      decision,
      reason,
    };
  }

  async #byAccessKey(credential: CredentialDto): Promise<{ account: ActiveAccount; userId: string }> {
    const accessKey = credential.access_key ?? '';
    const domainId = domainOfAccessKey(this.accounts.directory, accessKey);
    const account = domainId ? this.accounts.of(domainId) : null;
    const found = account?.status === 'Active' ? findAccessKey(account, accessKey) : null;
    if (account?.status !== 'Active' || !found || !found.usable) throw UNKNOWN();
    const secret = await this.root.unwrap(Buffer.from(found.wrappedSecret, 'base64'), secretAad(accessKey));
    try {
      if (!signatureMatches(secret.toString('utf8'), credential.string_to_sign ?? [], credential.signature ?? '')) throw UNKNOWN();
    } finally {
      secret.fill(0);
    }
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
