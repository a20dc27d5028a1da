import type { AccountCommand } from '../index.js';
import { AK1, AK_ADMIN, HASH, WRAPPED, given } from '../account.fixtures.spec.js';
import { ADMIN_ID, T0, USER2_ID, USER_ID, WORLD } from '../iam.fixtures.spec.js';

const NEW_AK = 'NEWAKNEWAKNEWAK00001';

/** Every command that changes a user's record, status or access keys, aimed at `target`. */
function changesOf(actorId: string, target: string, targetKey: string): readonly AccountCommand[] {
  return [
    { type: 'UpdateUser', actorId, userId: target, passwordHash: `${HASH}-new`, now: T0 },
    { type: 'UpdateUser', actorId, userId: target, enabled: false, now: T0 },
    { type: 'UpdateUser', actorId, userId: target, name: 'renamed', now: T0 },
    { type: 'UpdateUser', actorId, userId: target, description: 'changed', now: T0 },
    { type: 'DisableUser', actorId, userId: target, now: T0 },
    { type: 'DeleteUser', actorId, userId: target, now: T0 },
    { type: 'CreateAccessKey', actorId, accessKey: NEW_AK, userId: target, wrappedSecret: WRAPPED, now: T0 },
    { type: 'SetAccessKeyStatus', actorId, accessKey: targetKey, status: 'inactive', now: T0 },
    { type: 'SetAccessKeyDescription', actorId, accessKey: targetKey, description: 'changed', now: T0 },
    { type: 'DeleteAccessKey', actorId, accessKey: targetKey, now: T0 },
  ];
}

const decidesEvents = (events: readonly unknown[]) => expect(events.length).toBeGreaterThan(0);
const label = (c: AccountCommand) => `${c.type}(${Object.keys(c).filter((k) => !['type', 'actorId', 'userId', 'accessKey', 'now'].includes(k)).join(', ')})`;

describe('administrator protection', () => {
  it.each(changesOf(USER_ID, ADMIN_ID, AK_ADMIN).map((c) => [label(c), c] as const))(
    'a non-administrator (whatever its IAM policies) aiming %s at the administrator: 403 IAM.0006 naming the administrator',
    (_type, command) => {
      given(WORLD).when(command).thenRefuses({ code: 'IAM.0006', status: 403, message: ADMIN_ID });
    },
  );

  it('an unknown or empty caller id aiming a password change at the administrator: 403 IAM.0006', () => {
    for (const actorId of ['', 'f'.repeat(32)]) {
      given(WORLD).when({ type: 'UpdateUser', actorId, userId: ADMIN_ID, passwordHash: `${HASH}-new`, now: T0 }).thenRefuses({ code: 'IAM.0006' });
    }
  });

  it('the administrator changes its own password, description and access keys: events, no refusal', () => {
    const allowed = changesOf(ADMIN_ID, ADMIN_ID, AK_ADMIN).filter((c) => c.type !== 'DeleteUser' && c.type !== 'DisableUser' && !(c.type === 'UpdateUser' && c.enabled === false));
    for (const command of allowed) given(WORLD).when(command).thenSucceeds(decidesEvents);
  });

  it('a non-administrator aiming the same commands at an ordinary user: every one decides events', () => {
    for (const command of changesOf(USER2_ID, USER_ID, AK1)) given(WORLD).when(command).thenSucceeds(decidesEvents);
  });

  it('deleting the administrator stays refused for the administrator itself (400 IAM.0001)', () => {
    given(WORLD).when({ type: 'DeleteUser', actorId: ADMIN_ID, userId: ADMIN_ID, now: T0 }).thenRefuses({ code: 'IAM.0001', status: 400 });
  });

  it('disabling the administrator is refused even for the administrator itself (400 IAM.0001): nobody could enable it again', () => {
    for (const command of [
      { type: 'DisableUser', actorId: ADMIN_ID, userId: ADMIN_ID, now: T0 },
      { type: 'UpdateUser', actorId: ADMIN_ID, userId: ADMIN_ID, enabled: false, now: T0 },
    ] as const) {
      given(WORLD).when(command).thenRefuses({ code: 'IAM.0001', status: 400, message: 'cannot be disabled' });
    }
  });
});
