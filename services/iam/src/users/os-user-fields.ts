import { AccessModeUnsupported, ForcedPasswordChangeUnsupported, UserFieldNotKept, type OsUserFields } from '@dew/contracts';
import { ACCESS_MODE } from '../iam-views.js';

const CONTACT_FIELDS = ['email', 'areacode', 'phone', 'xuser_type', 'xuser_id'] as const;

/**
 * DEW keeps no contact details or external identities, every user has the default access mode
 * (console and programmatic) and nobody is forced to change the password at first login: a
 * request asking for any of that is refused rather than silently dropped.
 */
export function refuseUnkeptFields(user: OsUserFields): void {
  for (const field of CONTACT_FIELDS) {
    const value = user[field];
    if (value !== undefined && value !== '') throw UserFieldNotKept(field, value.length);
  }
  if (user.access_mode !== undefined && user.access_mode !== ACCESS_MODE) {
    throw AccessModeUnsupported(ACCESS_MODE, user.access_mode.slice(0, 32));
  }
  if (user.pwd_status === true) throw ForcedPasswordChangeUnsupported();
}
