import { Injectable } from '@nestjs/common';
import { LoginMethodMissing, ProjectNotFound, TokenScopeMissing, WrongUserNameOrPassword, type TokenAuth, type TokenScope } from '@dew/contracts';
import { checkLoginFields, domainIdByName, findProject, findUserByName, listProjects, type ActiveAccount } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { verifyLoginPassword } from '../users/passwords.js';
import { LoginLimits } from './login-limits.js';
import type { TokenSubject } from './token-view.js';
import { TokenService, type TokenClaims } from './token.service.js';

const TOKEN_TTL_MS = 24 * 3600 * 1000;

const WRONG = WrongUserNameOrPassword;

export interface Login extends TokenSubject {
  readonly token: string;
}

/**
 * Password logins. Failed logins are limited per source, per (source, user) and per user
 * (login-limits.ts); an unknown user and a wrong password read and take the same.
 */
@Injectable()
export class PasswordLogins {
  readonly #limits = new LoginLimits();

  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  async login({ identity, scope }: TokenAuth, ctx: RequestContext): Promise<Login> {
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
    return { account, user, claims, token: await this.tokens.issue(claims) };
  }
}

function projectScope(account: ActiveAccount, scope: TokenScope): { projectId?: string } {
  if (scope.project) {
    const project = scope.project.id ? findProject(account, scope.project.id) : listProjects(account, { name: scope.project.name ?? '' })[0];
    if (!project) throw ProjectNotFound((scope.project.id ?? scope.project.name ?? '').slice(0, 64), ' in the domain');
    return { projectId: project.id };
  }
  if (scope.domain) return {};
  throw TokenScopeMissing();
}
