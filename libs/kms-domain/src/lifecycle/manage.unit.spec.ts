import { DAY, T0, apply, created, defaultKeyCreated, given, keyId, refusal } from '../fixtures.spec.js';
import { decide, type KeyringCommand } from '../index.js';
import { evolve, findKey, type Keyring } from '../index.js';
import { listKeys } from '../index.js';

const ID = keyId(1);
const DEF = keyId(9);
const NOW = T0 + DAY;
const base = () => given(created(1), defaultKeyCreated(9, 'csms'));
const fails = (s: Keyring, cmd: KeyringCommand) => refusal(() => decide(s, cmd));
const move = (enterpriseProjectId: string, id = ID): KeyringCommand => ({
  type: 'MoveKeyToEnterpriseProject',
  keyId: id,
  enterpriseProjectId,
  now: NOW,
});
const EP = '2b7ec2b1-4f6c-4b5c-9a77-3c2f6a1d8e90';

describe('MoveKeyToEnterpriseProject', () => {
  it('KeyEnterpriseProjectChanged; lists filter by the new project', () => {
    expect(decide(base(), move(EP))).toEqual([
      { type: 'KeyEnterpriseProjectChanged', keyId: ID, enterpriseProjectId: EP, previousEnterpriseProjectId: '0', at: NOW },
    ]);
    const s = apply(base(), move(EP));
    expect(findKey(s, ID)?.enterpriseProjectId).toBe(EP);
    expect(listKeys(s, { limit: 10, enterpriseProjectId: EP }).keys.map((k) => k.keyId)).toEqual([ID]);
    expect(listKeys(s, { limit: 10, enterpriseProjectId: '0' }).keys.map((k) => k.keyId)).toEqual([DEF]);
  });
  it('same project: no event', () => {
    expect(decide(base(), move('0'))).toEqual([]);
  });
  it('invalid id → KMS.0308 (rules.ts)', () => {
    expect(fails(base(), move('')).code).toBe('KMS.0308');
    expect(fails(base(), move('a'.repeat(37))).code).toBe('KMS.0308');
    expect(fails(base(), move('a_b')).code).toBe('KMS.0308');
  });
  it('default key → KMS.0211; pending deletion → KMS.0210; unknown → KMS.0207; disabled is fine', () => {
    expect(fails(base(), move(EP, DEF)).code).toBe('KMS.0211');
    const pending = evolve(base(), { type: 'KeyDeletionScheduled', keyId: ID, pendingDays: 7, deleteAt: NOW + 7 * DAY, at: NOW });
    expect(fails(pending, move(EP)).code).toBe('KMS.0210');
    expect(fails(base(), move(EP, keyId(77))).code).toBe('KMS.0207');
    expect(decide(evolve(base(), { type: 'KeyDisabled', keyId: ID, at: NOW }), move(EP))).toHaveLength(1);
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
    expect(fails(base(), cmd).code).toBe('KMS.0211');
  });
  const tagging: [string, KeyringCommand][] = [
    ['add tag', { type: 'AddKeyTag', keyId: DEF, tag: { key: 'a', value: 'b' }, now: NOW }],
    ['remove tag', { type: 'RemoveKeyTag', keyId: DEF, tagKey: 'a', now: NOW }],
    ['batch tags', { type: 'BatchKeyTags', keyId: DEF, action: 'create', tags: [{ key: 'a' }], now: NOW }],
  ];
  it.each(tagging)('%s → KMS.0411', (_, cmd) => {
    expect(fails(base(), cmd).code).toBe('KMS.0411');
  });
  it('a scheduled rotation run on a default key yields nothing', () => {
    expect(
      decide(base(), { type: 'RotateKey', keyId: DEF, now: NOW, material: { version: 2, wrapped: 'w' }, trigger: 'scheduled' }),
    ).toEqual([]);
  });
  it('grants on a default key are allowed (K3 does not forbid them)', () => {
    const s = apply(base(), {
      type: 'CreateGrant',
      keyId: DEF,
      grantId: 'a'.repeat(64),
      granteePrincipal: 'b'.repeat(32),
      operations: ['encrypt-data'],
      issuingPrincipal: 'c'.repeat(32),
      now: NOW,
    });
    expect(findKey(s, DEF)?.grants).toHaveLength(1);
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
    const s = evolve(given(created(1), created(2)), { type: 'GrantCreated', keyId: ID, grant: g, at: NOW });
    expect(evolve(s, { type: 'GrantCreated', keyId: ID, grant: g, at: NOW })).toBe(s);
    expect(evolve(s, { type: 'GrantRetired', keyId: keyId(2), grantId: g.grantId, at: NOW })).toBe(s);
  });
});
