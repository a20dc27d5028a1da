import { Injectable } from '@nestjs/common';
import { AccessModeUnsupported, ForcedPasswordChangeUnsupported, UserFieldNotKept, type OsCreateUserFields, type OsUserFields } from '@dew/contracts';
import type { ActiveAccount, User } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { AccountCommands } from '../accounts/account-commands.js';
import { ACCESS_MODE } from '../iam-views.js';
import { UserWrites } from './user-writes.js';

const CONTACT_FIELDS = ['email', 'areacode', 'phone', 'xuser_type', 'xuser_id'] as const;

/**
 * DEW keeps no contact details or external identities, every user has the default access mode
 * (console and programmatic) and nobody is forced to change the password at first login: a
 * request asking for any of that is refused rather than silently dropped.
 */
function refuseUnkeptFields(user: OsUserFields): void {
  for (const field of CONTACT_FIELDS) {
    const value = user[field];
    if (value !== undefined && value !== '') throw UserFieldNotKept(field, value.length);
  }
  if (user.access_mode !== undefined && user.access_mode !== ACCESS_MODE) {
    throw AccessModeUnsupported(ACCESS_MODE, user.access_mode.slice(0, 32));
  }
  if (user.pwd_status === true) throw ForcedPasswordChangeUnsupported();
}

/** The writes of the recommended user API (`/v3.0/OS-USER/users`): same users, richer requests. */
@Injectable()
export class OsUserWrites {
  constructor(
    private readonly commands: AccountCommands,
    private readonly writes: UserWrites,
  ) {}

  create(fields: OsCreateUserFields, ctx: RequestContext): Promise<{ state: ActiveAccount; user: User }> {
    this.commands.requireOwnDomain(ctx, fields.domain_id);
    refuseUnkeptFields(fields);
    return this.writes.create(fields, ctx);
  }

  update(userId: string, fields: OsUserFields, ctx: RequestContext): Promise<{ state: ActiveAccount; user: User }> {
    refuseUnkeptFields(fields);
    return this.writes.update(userId, fields, ctx);
  }
}
