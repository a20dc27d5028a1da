import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ArrayNotEmpty, IsArray, IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { LoginMethodMissing, ProjectNotFound, TokenInvalid, TokenScopeMissing, WrongUserNameOrPassword, validateBody } from '@dew/contracts';
import { checkLoginFields, domainIdByName, findProject, findUser, findUserByName, listProjects, type ActiveAccount } from '@dew/iam-domain';
import { HttpReply, type RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { AccountCommands } from '../accounts/account-commands.js';
import { IAM_SHAPE } from '../iam-shape.js';
import { domainView, listLinks, projectView } from '../iam-views.js';
import { verifyLoginPassword } from '../users/passwords.js';
import { LoginLimits } from './login-limits.js';
import { checkTokenUse } from './token-use.js';
import { TokenService, type TokenClaims } from './token.service.js';
import { tokenView } from './token-view.js';

const TOKEN_TTL_MS = 24 * 3600 * 1000;

class NamedRef {
  @IsOptional() @IsString() id?: string;
  @IsOptional() @IsString() name?: string;
}
class PasswordUser {
  @IsDefined() @IsString() name!: string;
  @IsDefined() @IsString() password!: string;
  @IsDefined() @ValidateNested() @Type(() => NamedRef) domain!: NamedRef;
}
class PasswordMethod {
  @IsDefined() @ValidateNested() @Type(() => PasswordUser) user!: PasswordUser;
}
class Identity {
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) methods!: string[];
  @IsDefined() @ValidateNested() @Type(() => PasswordMethod) password!: PasswordMethod;
}
class Scope {
  @IsOptional() @ValidateNested() @Type(() => NamedRef) project?: NamedRef;
  @IsOptional() @ValidateNested() @Type(() => NamedRef) domain?: NamedRef;
}
class Auth {
  @IsDefined() @ValidateNested() @Type(() => Identity) identity!: Identity;
  @IsDefined() @ValidateNested() @Type(() => Scope) scope!: Scope;
}
class CreateTokenRequest {
  @IsDefined() @ValidateNested() @Type(() => Auth) auth!: Auth;
  @IsOptional() @IsString() nocatalog?: string;
}
class ValidateTokenRequest {
  @IsDefined() @IsString() subject_token!: string;
  @IsOptional() @IsString() nocatalog?: string;
}

const WRONG = WrongUserNameOrPassword;

/**
 * Password tokens: POST /v3/auth/tokens answers 201 with the token in
 * `X-Subject-Token`; GET validates one. Failed logins are limited per source, per (source, user)
 * and per user (login-limits.ts); an unknown user and a wrong password read and take the same.
 */
@Injectable()
export class TokenHandlers implements OnModuleInit {
  readonly #limits = new LoginLimits();

  constructor(
    private readonly accounts: Accounts,
    private readonly commands: AccountCommands,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  onModuleInit(): void {
    this.rpc.register('iam.create-token', (body, ctx) => this.create(body, ctx));
    this.rpc.register('iam.validate-token', (body, ctx) => this.validate(body, ctx));
    this.rpc.register('iam.list-auth-domains', async (_b, ctx) => ({ domains: [domainView(this.commands.state(ctx))], links: listLinks('/v3/auth/domains') }));
    this.rpc.register('iam.list-auth-projects', async (_b, ctx) => ({
      projects: listProjects(this.commands.state(ctx)).map(projectView),
      links: { self: '/v3/auth/projects' },
    }));
  }

  async create(body: unknown, ctx: RequestContext): Promise<HttpReply> {
    const req = validateBody(CreateTokenRequest, body, IAM_SHAPE);
    const { identity, scope } = req.auth;
    if (!identity.methods.includes('password')) throw LoginMethodMissing(JSON.stringify(identity.methods).slice(0, 60));
    const { name, password, domain } = identity.password.user;
    checkLoginFields(name, domain, password);
    // domain.id decides the account when given; a domain.name beside it changes nothing.
    const domainId = domain.id ?? (domain.name ? domainIdByName(this.accounts.directory, domain.name) : null);
    const state = domainId ? this.accounts.of(domainId) : null;
    const account = state?.status === 'Active' ? state : null;
    const user = account ? findUserByName(account, name) : null;
    const release = this.#limits.reserve({ source: ctx.sourceIp, user: user?.id ?? `unknown:${domain.id ?? domain.name ?? ''}/${name}` });
    // Read before the check: a password change or disable during it revokes the token (tokensValidAfter).
    const checkedAt = this.clock.now();
    const matches = await verifyLoginPassword(password, user?.passwordHash ?? null);
    if (!account || !user || !user.enabled || !matches) throw WRONG();
    release();
    const claims: TokenClaims = { userId: user.id, domainId: account.domainId, ...projectScope(account, scope), issuedAt: checkedAt, expiresAt: checkedAt + TOKEN_TTL_MS, methods: ['password'] };
    const token = await this.tokens.issue(claims);
    return new HttpReply({ token: tokenView(account, user, claims, { withCatalog: req.nocatalog === undefined, region: this.settings.region }) }, 201, { 'X-Subject-Token': token });
  }

  async validate(body: unknown, ctx: RequestContext): Promise<HttpReply> {
    const req = validateBody(ValidateTokenRequest, body, IAM_SHAPE);
    const claims = await this.tokens.open(req.subject_token, this.clock.now());
    if (claims.domainId !== ctx.domainId) throw TokenInvalid();
    const account = this.commands.state(ctx);
    checkTokenUse(account, claims);
    const user = findUser(account, claims.userId);
    if (!user) throw TokenInvalid();
    return new HttpReply({ token: tokenView(account, user, claims, { withCatalog: req.nocatalog === undefined, region: this.settings.region }) }, 200, { 'X-Subject-Token': req.subject_token });
  }
}

function projectScope(account: ActiveAccount, scope: Scope): { projectId?: string } {
  if (scope.project) {
    const project = scope.project.id ? findProject(account, scope.project.id) : listProjects(account, { name: scope.project.name ?? '' })[0];
    if (!project) throw ProjectNotFound((scope.project.id ?? scope.project.name ?? '').slice(0, 64), ' in the domain');
    return { projectId: project.id };
  }
  if (scope.domain) return {};
  throw TokenScopeMissing();
}
