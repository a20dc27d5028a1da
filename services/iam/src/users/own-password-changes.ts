import { Injectable } from '@nestjs/common';
import { OriginalPasswordLength, OwnPasswordOnly, PasswordUnchanged, WrongOriginalPassword, type ChangeOwnPasswordRequest } from '@dew/contracts';
import { requireUser } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { AccountCommands } from '../accounts/account-commands.js';
import { LoginLimits } from '../tokens/login-limits.js';
import { verifyLoginPassword } from './passwords.js';
import { UserWrites } from './user-writes.js';

/** The original password's length bound of a login (docs/iam-security.md "Login limits"). */
const MAX_PASSWORD_LENGTH = 128;

/**
 * A user changes their own password and must know the current one. Guessing it is limited like a
 * login (per source, per source and user, per user), since a stolen access key must not become a
 * password oracle. The change goes through UpdateUser with the caller as actor (administrator
 * protection) and revokes every token issued before it (docs/iam-security.md "Tokens").
 */
@Injectable()
export class OwnPasswordChanges {
  readonly #limits = new LoginLimits();

  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
  ) {}

  async change(r: ChangeOwnPasswordRequest, ctx: RequestContext): Promise<void> {
    if (r.user_id !== ctx.userId) throw OwnPasswordOnly();
    const { password, original_password: original } = r.user;
    if (original.length < 1 || original.length > MAX_PASSWORD_LENGTH) {
      throw OriginalPasswordLength(MAX_PASSWORD_LENGTH, original.length);
    }
    const user = requireUser(this.commands.state(ctx), r.user_id);
    const release = this.#limits.reserve({ source: ctx.sourceIp, user: user.id });
    if (!(await verifyLoginPassword(original, user.passwordHash))) throw WrongOriginalPassword();
    release();
    if (password === original) throw PasswordUnchanged();
    await this.writes.update(user.id, { password }, ctx);
  }
}
