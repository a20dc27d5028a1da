import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { DewError, validateBody } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { authorize, domainOfAccessKey, findAccessKey, findUser, keyResourceUrn, listProjects, type ActiveAccount } from '@dew/iam-domain';
import { Clock, ROOT_KEY, RpcRegistry, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { secretAad } from '../access-keys/secrets.js';
import { IAM_SHAPE } from '../iam-shape.js';
import { checkTokenUse } from '../tokens/token-use.js';
import { TokenService } from '../tokens/token.service.js';

class CredentialDto {
  @IsIn(['aksk', 'token']) kind!: 'aksk' | 'token';
  @IsOptional() @IsString() access_key?: string;
  @IsOptional() @IsString() token?: string;
}

class AuthenticateRequest {
  @IsDefined() @ValidateNested() @Type(() => CredentialDto) credential!: CredentialDto;
  @IsDefined() @IsString() action!: string;
  @IsOptional() @IsString() project_id?: string;
  @IsOptional() @IsString() key_id?: string;
}

const UNKNOWN = () => new DewError('IAM.0002', 'credential is unknown or not usable');

/**
 * For the gateway only (NATS permissions): who holds a credential and IAM's decision on the
 * request's action, in one round trip. For AK/SK the SK comes back so the gateway can check the
 * signature; unknown, inactive and disabled-user credentials all answer the same IAM.0002.
 */
@Injectable()
export class AuthenticateHandler implements OnModuleInit {
  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: TokenService,
    private readonly rpc: RpcRegistry,
    private readonly clock: Clock,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  onModuleInit(): void {
    this.rpc.register('iam.authenticate', (body) => this.handle(body));
  }

  async handle(body: unknown) {
    const req = validateBody(AuthenticateRequest, body, IAM_SHAPE);
    const { account, userId, secret } = req.credential.kind === 'aksk' ? await this.#byAccessKey(req.credential.access_key ?? '') : await this.#byToken(req.credential.token ?? '', req.project_id);
    const user = findUser(account, userId);
    if (!user || !user.enabled) throw UNKNOWN();
    const { decision, reason } = authorize(account, {
      userId,
      action: req.action,
      ...(req.project_id ? { projectId: req.project_id } : {}),
      ...(req.key_id ? { resource: keyResourceUrn(this.settings.region, account.domainId, req.key_id) } : {}),
    });
    return {
      ...(secret !== undefined ? { secret } : {}),
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

  async #byAccessKey(accessKey: string): Promise<{ account: ActiveAccount; userId: string; secret: string }> {
    const domainId = domainOfAccessKey(this.accounts.directory, accessKey);
    const account = domainId ? this.accounts.of(domainId) : null;
    const found = account?.status === 'Active' ? findAccessKey(account, accessKey) : null;
    if (account?.status !== 'Active' || !found || !found.usable) throw UNKNOWN();
    const secret = await this.root.unwrap(Buffer.from(found.wrappedSecret, 'base64'), secretAad(accessKey));
    return { account, userId: found.userId, secret: secret.toString('utf8') };
  }

  async #byToken(token: string, projectId: string | undefined): Promise<{ account: ActiveAccount; userId: string; secret?: undefined }> {
    const claims = await this.tokens.open(token, this.clock.now());
    const account = this.accounts.of(claims.domainId);
    if (account.status !== 'Active') throw UNKNOWN();
    checkTokenUse(account, claims, projectId);
    return { account, userId: claims.userId };
  }
}
