import { DAY, T0, created, defaultKeyCreated, given, history, keyId, oneEvent, stateAfter } from '../fixtures.spec.js';
import {
  ALIASES_PER_KEY_MAX,
  ALIASES_PER_PROJECT_MAX,
  keyIdOfAlias,
  listAliases,
  type KeyringCommand,
  type KeyringEvent,
} from '../index.js';

const A = keyId(1);
const B = keyId(2);
const DEF = keyId(9);
const NOW = T0 + DAY;

const create = (alias: string, id = A): KeyringCommand => ({ type: 'CreateAlias', keyId: id, alias, now: NOW });
const associate = (alias: string, target = B): KeyringCommand => ({ type: 'AssociateAlias', alias, targetKeyId: target, now: NOW + 1 });
const remove = (aliases: readonly string[], id = A): KeyringCommand => ({ type: 'DeleteAliases', keyId: id, aliases, now: NOW + 2 });
const named = (n: number, prefix = 'alias/a'): string => `${prefix}${String(n).padStart(3, '0')}`;

/** User keys 1 and 2 beside the csms default key 9. */
const base: readonly KeyringEvent[] = [created(1), created(2), defaultKeyCreated(9, 'csms')];

describe('CreateAlias: naming rules', () => {
  it('a valid name: AliasCreated naming the key, no key material in the event', () => {
    given(base).when(create('alias/app-1')).then([{ type: 'AliasCreated', alias: 'alias/app-1', keyId: A, at: NOW }]);
  });
  it('a name without the alias/ prefix is refused with KMS.1101 naming the prefix and the value', () => {
    given(base).when(create('kms-1234')).thenRefuses({ code: 'KMS.1101', message: 'must start with alias/, got "kms-1234"' });
  });
  it('255 characters accepted, 256 refused with KMS.1101 naming the limit and the length', () => {
    given(base).when(create(`alias/${'x'.repeat(249)}`)).thenSucceeds(oneEvent);
    given(base).when(create(`alias/${'x'.repeat(250)}`)).thenRefuses({ code: 'KMS.1101', message: 'must be 7..255 characters, got 256' });
  });
  it('the bare prefix is refused: a name needs at least one character after alias/', () => {
    given(base).when(create('alias/')).thenRefuses({ code: 'KMS.1101', message: 'got 6' });
  });
  it('a character outside A-Z a-z 0-9 _ : / - is refused naming the character and its position', () => {
    given(base).when(create('alias/a b')).thenRefuses({ code: 'KMS.1101', message: 'got " " at position 7' });
    given(base).when(create('alias/x:y_z-1/2')).thenSucceeds(oneEvent);
  });
  it('a name ending in /default is refused (reserved for default master keys, SPEC K2)', () => {
    given(base).when(create('alias/csms/default')).thenRefuses({ code: 'KMS.1101', message: 'must not end with /default' });
  });
});

describe('CreateAlias: keys, uniqueness and quotas', () => {
  it('an alias already naming a key of the project is refused with KMS.1104 naming its key', () => {
    given(history(base, create('alias/x'))).when(create('alias/x', B)).thenRefuses({ code: 'KMS.1104', message: `names key ${A}` });
  });
  it('an unknown key is KMS.0207; a default master key is KMS.0211; a key pending deletion is KMS.0210', () => {
    given(base).when(create('alias/x', keyId(77))).thenRefuses({ code: 'KMS.0207' });
    given(base).when(create('alias/x', DEF)).thenRefuses({ code: 'KMS.0211' });
    const pending = history(base, { type: 'ScheduleKeyDeletion', keyId: A, pendingDays: 7, now: NOW });
    given(pending).when(create('alias/x')).thenRefuses({ code: 'KMS.0210' });
  });
  it('a disabled key may carry an alias', () => {
    given(history(base, { type: 'DisableKey', keyId: A, now: NOW })).when(create('alias/x')).thenSucceeds(oneEvent);
  });
  it(`the ${ALIASES_PER_KEY_MAX}th alias of a key is accepted, the next refused with KMS.1106 naming the quota`, () => {
    const full = history(base, ...Array.from({ length: ALIASES_PER_KEY_MAX }, (_, i) => create(named(i))));
    given(full).when(create('alias/one-more')).thenRefuses({ code: 'KMS.1106', message: `alias quota of ${ALIASES_PER_KEY_MAX} per key` });
    given(full).when(create('alias/for-b', B)).thenSucceeds(oneEvent);
  });
  it(`the project holds at most ${ALIASES_PER_PROJECT_MAX} aliases: the next is refused with KMS.1106`, () => {
    const keys = Array.from({ length: ALIASES_PER_PROJECT_MAX / ALIASES_PER_KEY_MAX }, (_, k) => created(10 + k));
    const aliases = keys.flatMap((k, i) => Array.from({ length: ALIASES_PER_KEY_MAX }, (_, j) => create(named(j, `alias/k${i}-`), k.keyId)));
    const full = history([...base, ...keys], ...aliases);
    given(full).when(create('alias/last', B)).thenRefuses({ code: 'KMS.1106', message: `alias quota of ${ALIASES_PER_PROJECT_MAX} per project reached (${ALIASES_PER_PROJECT_MAX} aliases)` });
  });
});

describe('AssociateAlias', () => {
  it('moves the alias to the target key: AliasAssociated names both keys, resolution follows', () => {
    given(history(base, create('alias/x')))
      .when(associate('alias/x'))
      .then([{ type: 'AliasAssociated', alias: 'alias/x', keyId: B, previousKeyId: A, at: NOW + 1 }]);
    const moved = stateAfter(...history(base, create('alias/x'), associate('alias/x')));
    expect(keyIdOfAlias(moved, 'alias/x')).toBe(B);
    expect(moved.keyAliases.get('alias/x')).toMatchObject({ createdAt: NOW, updatedAt: NOW + 1 });
  });
  it('to the key it already names: no event', () => {
    given(history(base, create('alias/x'))).when(associate('alias/x', A)).then([]);
  });
  it('an unknown alias is KMS.0207 worded like an unknown key', () => {
    given(base).when(associate('alias/nope')).thenRefuses({ code: 'KMS.0207', message: 'key alias/nope does not exist' });
  });
  it('the target must be a live non-default key not pending deletion', () => {
    const s = history(base, create('alias/x'));
    given(s).when(associate('alias/x', keyId(77))).thenRefuses({ code: 'KMS.0207' });
    given(s).when(associate('alias/x', DEF)).thenRefuses({ code: 'KMS.0211' });
    given(history(s, { type: 'ScheduleKeyDeletion', keyId: B, pendingDays: 7, now: NOW })).when(associate('alias/x')).thenRefuses({ code: 'KMS.0210' });
  });
  it('a target already holding the per-key quota is refused with KMS.1106', () => {
    const s = history(base, create('alias/x'), ...Array.from({ length: ALIASES_PER_KEY_MAX }, (_, i) => create(named(i), B)));
    given(s).when(associate('alias/x')).thenRefuses({ code: 'KMS.1106' });
  });
});

describe('DeleteAliases', () => {
  it('removes every listed alias of the key in one event', () => {
    given(history(base, create('alias/x'), create('alias/y')))
      .when(remove(['alias/x', 'alias/y', 'alias/x']))
      .then([{ type: 'AliasDeleted', keyId: A, aliases: ['alias/x', 'alias/y'], at: NOW + 2 }]);
  });
  it('all or nothing: an alias of another key is refused with KMS.0207 naming alias and key, nothing changes', () => {
    given(history(base, create('alias/x'), create('alias/z', B)))
      .when(remove(['alias/x', 'alias/z']))
      .thenRefuses({ code: 'KMS.0207', message: `alias "alias/z" does not name key ${A}` });
  });
  it('an empty list or more than 50 names is refused with KMS.0308 naming the range and the count', () => {
    given(base).when(remove([])).thenRefuses({ code: 'KMS.0308', message: 'must be 1..50, got 0' });
    given(base).when(remove(Array.from({ length: 51 }, (_, i) => named(i)))).thenRefuses({ code: 'KMS.0308', message: 'got 51' });
  });
  it('a deleted alias no longer resolves and its name is free again', () => {
    const s = history(base, create('alias/x'), remove(['alias/x']));
    expect(() => keyIdOfAlias(stateAfter(...s), 'alias/x')).toThrow(expect.objectContaining({ code: 'KMS.0207' }));
    given(s).when(create('alias/x', B)).thenSucceeds(oneEvent);
  });
});

describe('key destroyed', () => {
  it('destroying a key removes its aliases (and only its aliases): they answer like an unknown key', () => {
    const s = history(base, create('alias/x'), create('alias/y', B), { type: 'ScheduleKeyDeletion', keyId: A, pendingDays: 7, now: NOW });
    const after = stateAfter(...s, { type: 'KeyDestroyed', keyId: A, at: NOW + 8 * DAY });
    expect(after.keyAliases.get('alias/x')).toBeUndefined();
    expect(() => keyIdOfAlias(after, 'alias/x')).toThrow(expect.objectContaining({ code: 'KMS.0207', message: 'key alias/x does not exist' }));
    expect(keyIdOfAlias(after, 'alias/y')).toBe(B);
  });
});

describe('listAliases', () => {
  const s = stateAfter(...history(base, create('alias/c'), create('alias/a'), create('alias/b', B)));
  it('by name, limit at a time; next_marker is the last name of a full page, none after the last', () => {
    const first = listAliases(s, { limit: 2 });
    expect(first.aliases.map((e) => e.alias)).toEqual(['alias/a', 'alias/b']);
    expect(first.nextMarker).toBe('alias/b');
    const second = listAliases(s, { limit: 2, marker: 'alias/b' });
    expect(second.aliases.map((e) => e.alias)).toEqual(['alias/c']);
    expect(second.nextMarker).toBeNull();
  });
  it('one key\'s aliases with key_id', () => {
    expect(listAliases(s, { keyId: A }).aliases.map((e) => e.alias)).toEqual(['alias/a', 'alias/c']);
  });
  it('limit outside 1..100 is refused with KMS.1601 naming the range and the value', () => {
    expect(() => listAliases(s, { limit: 101 })).toThrow(expect.objectContaining({ code: 'KMS.1601', message: 'limit must be 1..100, got 101' }));
    expect(() => listAliases(s, { limit: 0 })).toThrow(expect.objectContaining({ code: 'KMS.1601' }));
  });
});
