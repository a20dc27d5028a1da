import { DAY, T0, created, defaultKeyCreated, given, stateAfter, keyId } from '../fixtures.spec.js';
import { evolve, findKey, listKeys, type KeyringCommand, type KeyringEvent } from '../index.js';

const ID = keyId(1);
const DEF = keyId(9);
const NOW = T0 + DAY;
const history: readonly KeyringEvent[] = [created(1), defaultKeyCreated(9, 'csms')];
const base = () => stateAfter(...history);
const move = (enterpriseProjectId: string, id = ID): KeyringCommand => ({
  type: 'MoveKeyToEnterpriseProject',
  keyId: id,
  enterpriseProjectId,
  now: NOW,
});
const EP = '2b7ec2b1-4f6c-4b5c-9a77-3c2f6a1d8e90';

describe('MoveKeyToEnterpriseProject', () => {
  it('KeyEnterpriseProjectChanged; lists filter by the new project', () => {
    given(history).when(move(EP)).then([
      { type: 'KeyEnterpriseProjectChanged', keyId: ID, enterpriseProjectId: EP, previousEnterpriseProjectId: '0', at: NOW },
    ]);
    given(history).when(move(EP)).thenSucceeds((_, s) => {
      expect(findKey(s, ID)?.enterpriseProjectId).toBe(EP);
      expect(listKeys(s, { limit: 10, enterpriseProjectId: EP }).keys.map((k) => k.keyId)).toEqual([ID]);
      expect(listKeys(s, { limit: 10, enterpriseProjectId: '0' }).keys.map((k) => k.keyId)).toEqual([DEF]);
    });
  });
  it('same project: no event', () => {
    given(history).when(move('0')).then([]);
  });
  it('invalid id → KMS.0308 (rules.ts)', () => {
    given(history).when(move('')).thenRefuses({ code: 'KMS.0308' });
    given(history).when(move('a'.repeat(37))).thenRefuses({ code: 'KMS.0308' });
    given(history).when(move('a_b')).thenRefuses({ code: 'KMS.0308' });
  });
  it('default key → KMS.0211; pending deletion → KMS.0210; unknown → KMS.0207; disabled is fine', () => {
    given(history).when(move(EP, DEF)).thenRefuses({ code: 'KMS.0211' });
    given([...history, { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW + 7 * DAY, at: NOW }])
      .when(move(EP))
      .thenRefuses({ code: 'KMS.0210' });
    given(history).when(move(EP, keyId(77))).thenRefuses({ code: 'KMS.0207' });
    given([...history, { type: 'KeyDisabled', keyId: ID, at: NOW }])
      .when(move(EP))
      .thenSucceeds((events) => expect(events).toHaveLength(1));
  });
});

describe('default master keys refuse every management change', () => {
  const refused: [string, KeyringCommand][] = [
    ['disable', { type: 'DisableKey', keyId: DEF, now: NOW }],
    ['schedule deletion', { type: 'ScheduleKeyDeletion', keyId: DEF, pendingDays: 7, now: NOW }],
    ['rename', { type: 'UpdateKeyAlias', keyId: DEF, alias: 'renamed', now: NOW }],
    ['re-describe', { type: 'UpdateKeyDescription', keyId: DEF, description: 'x', now: NOW }],
    ['rotation on', { type: 'EnableKeyRotation', keyId: DEF, now: NOW }],
    ['rotation off', { type: 'DisableKeyRotation', keyId: DEF, now: NOW }],
    ['rotation interval', { type: 'UpdateKeyRotationInterval', keyId: DEF, intervalDays: 30, now: NOW }],
    ['rotate now', { type: 'RotateKey', keyId: DEF, now: NOW, material: { version: 2, wrapped: 'w' }, trigger: 'on-demand' }],
    ['move project', move(EP, DEF)],
  ];
  it.each(refused)('%s → KMS.0211', (_, cmd) => {
    given(history).when(cmd).thenRefuses({ code: 'KMS.0211' });
  });
  const tagging: [string, KeyringCommand][] = [
    ['add tag', { type: 'AddKeyTag', keyId: DEF, tag: { key: 'a', value: 'b' }, now: NOW }],
    ['remove tag', { type: 'RemoveKeyTag', keyId: DEF, tagKey: 'a', now: NOW }],
    ['batch tags', { type: 'BatchKeyTags', keyId: DEF, action: 'create', tags: [{ key: 'a' }], now: NOW }],
  ];
  it.each(tagging)('%s → KMS.0411', (_, cmd) => {
    given(history).when(cmd).thenRefuses({ code: 'KMS.0411' });
  });
  it('a scheduled rotation run on a default key yields nothing', () => {
    given(history)
      .when({ type: 'RotateKey', keyId: DEF, now: NOW, material: { version: 2, wrapped: 'w' }, trigger: 'scheduled' })
      .then([]);
  });
  it('grants on a default key are allowed (K3 does not forbid them)', () => {
    given(history)
      .when({
        type: 'CreateGrant',
        keyId: DEF,
        grantId: 'a'.repeat(64),
        granteePrincipal: 'b'.repeat(32),
        operations: ['encrypt-data'],
        issuingPrincipal: 'c'.repeat(32),
        now: NOW,
      })
      .thenSucceeds((_, s) => expect(findKey(s, DEF)?.grants).toHaveLength(1));
  });
});

describe('evolve of the new events never refuses', () => {
  const g = {
    grantId: 'a'.repeat(64),
    keyId: ID,
    granteePrincipal: 'b'.repeat(32),
    granteePrincipalType: 'user' as const,
    operations: ['encrypt-data' as const],
    name: '',
    retiringPrincipal: null,
    issuingPrincipal: 'c'.repeat(32),
    createdAt: NOW,
  };
  it('events for an unknown key are ignored', () => {
    const s = base();
    const other = keyId(77);
    for (const e of [
      { type: 'KeyRotationEnabled', keyId: other, at: NOW },
      { type: 'KeyRotated', keyId: other, material: { version: 2, wrapped: 'w' }, trigger: 'on-demand', at: NOW },
      { type: 'GrantCreated', keyId: other, grant: { ...g, keyId: other }, at: NOW },
      { type: 'GrantRevoked', keyId: other, grantId: g.grantId, at: NOW },
      { type: 'KeyTagsChanged', keyId: other, set: [{ key: 'a', value: '' }], removed: [], at: NOW },
      { type: 'KeyEnterpriseProjectChanged', keyId: other, enterpriseProjectId: EP, previousEnterpriseProjectId: '0', at: NOW },
    ] as const) {
      expect(evolve(s, e)).toBe(s);
    }
  });
  it('a repeated GrantCreated and a GrantRetired naming the wrong key are ignored', () => {
    const s = evolve(stateAfter(created(1), created(2)), { type: 'GrantCreated', keyId: ID, grant: g, at: NOW });
    expect(evolve(s, { type: 'GrantCreated', keyId: ID, grant: g, at: NOW })).toBe(s);
    expect(evolve(s, { type: 'GrantRetired', keyId: keyId(2), grantId: g.grantId, at: NOW })).toBe(s);
  });
});
