import { refusal } from './fixtures.spec.js';
import {
  defaultAliasOf,
  validateAlias,
  validateDescription,
  validateEnterpriseProjectId,
  validatePendingDays,
  validateTag,
  validateTags,
} from './rules.js';

const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));

describe('alias rule', () => {
  it('alias: 1 and 255 characters of [A-Za-z0-9_:/-] → accepted', () => {
    expect(validateAlias('a')).toBe('a');
    expect(validateAlias('x'.repeat(255))).toHaveLength(255);
    expect(validateAlias('Ab0_:/-z')).toBe('Ab0_:/-z');
  });

  it('alias: 256 characters → KMS.1101 naming the length', () => {
    const err = refusal(() => validateAlias('x'.repeat(256)));
    expect(err).toMatchObject({ code: 'KMS.1101', message: 'key_alias must be 1..255 characters, got 256' });
  });

  it('alias: empty → KMS.1101', () => {
    expect(refusal(() => validateAlias('')).message).toBe('key_alias must be 1..255 characters, got 0');
  });

  it.each(['my key', 'a.b', 'ключ', 'a*'])('alias: %p → KMS.1101 naming the character rule', (alias) => {
    const err = refusal(() => validateAlias(alias));
    expect(err.code).toBe('KMS.1101');
    expect(err.message).toMatch(/may contain only A-Z a-z 0-9 _ : \/ -/);
  });

  it('alias: ends with /default → KMS.1101 for a user key, accepted for a default key', () => {
    const err = refusal(() => validateAlias('csms/default'));
    expect(err.code).toBe('KMS.1101');
    expect(err.message).toContain('/default');
    expect(validateAlias('csms/default', { forDefaultKey: true })).toBe('csms/default');
    expect(validateAlias('default')).toBe('default');
    expect(validateAlias('a/defaults')).toBe('a/defaults');
  });

  it('default alias: service kps → kps/default; a bad service name → KMS.0308', () => {
    expect(defaultAliasOf('kps')).toBe('kps/default');
    expect(refusal(() => defaultAliasOf('a/b')).code).toBe('KMS.0308');
    expect(refusal(() => defaultAliasOf('')).code).toBe('KMS.0308');
  });
});

describe('description rule', () => {
  it('description: 0 and 255 characters → accepted; 256 → KMS.1103', () => {
    expect(validateDescription('')).toBe('');
    expect(validateDescription('d'.repeat(255))).toHaveLength(255);
    expect(refusal(() => validateDescription('d'.repeat(256)))).toMatchObject({
      code: 'KMS.1103',
      message: 'key_description must be at most 255 characters, got 256',
    });
  });

  it('description: 255 characters outside the BMP count as 255', () => {
    expect(validateDescription('😀'.repeat(255))).toHaveLength(510);
  });
});

describe('tag rules', () => {
  it('tags: 20 → accepted; 21 → KMS.0413', () => {
    expect(validateTags(tags(20))).toHaveLength(20);
    expect(refusal(() => validateTags(tags(21)))).toMatchObject({
      code: 'KMS.0413',
      message: 'at most 20 tags per key, got 21',
    });
  });

  it('tag key: 36 characters → accepted; 37 → KMS.0407; empty → KMS.0407', () => {
    expect(validateTag({ key: 'k'.repeat(36), value: '' }).key).toHaveLength(36);
    expect(refusal(() => validateTag({ key: 'k'.repeat(37), value: '' }))).toMatchObject({
      code: 'KMS.0407',
      message: 'tag.key must be 1..36 characters, got 37',
    });
    expect(refusal(() => validateTag({ key: '', value: '' })).code).toBe('KMS.0407');
  });

  it('tag key: a character outside [A-Za-z0-9_-] → KMS.0405', () => {
    expect(refusal(() => validateTag({ key: 'cost center', value: '' })).code).toBe('KMS.0405');
    expect(refusal(() => validateTag({ key: 'a=b', value: '' })).code).toBe('KMS.0405');
  });

  it('tag value: 0 and 43 characters → accepted; 44 → KMS.0408', () => {
    expect(validateTag({ key: 'k', value: '' }).value).toBe('');
    expect(validateTag({ key: 'k', value: 'v'.repeat(43) }).value).toHaveLength(43);
    expect(refusal(() => validateTag({ key: 'k', value: 'v'.repeat(44) }))).toMatchObject({
      code: 'KMS.0408',
      message: 'tag.value must be 0..43 characters, got 44',
    });
  });

  it('tag value: absent → the empty value', () => {
    expect(validateTag({ key: 'k' })).toEqual({ key: 'k', value: '' });
  });

  it('tag value: a character outside [A-Za-z0-9_-] → KMS.0406', () => {
    expect(refusal(() => validateTag({ key: 'k', value: 'a.b' })).code).toBe('KMS.0406');
  });

  it('tags: the same key twice → KMS.0409 naming both positions', () => {
    const err = refusal(() => validateTags([{ key: 'env', value: 'a' }, { key: 'x', value: '' }, { key: 'env', value: 'b' }]));
    expect(err).toMatchObject({ code: 'KMS.0409', message: 'tags[2].key "env" duplicates tags[0].key' });
  });

  it('tags: an error names the tag position', () => {
    expect(refusal(() => validateTags([{ key: 'ok', value: '' }, { key: 'k'.repeat(37), value: '' }])).message).toBe(
      'tags[1].key must be 1..36 characters, got 37',
    );
  });
});

describe('pending days rule', () => {
  it.each([7, 1096])('pending days: %p → accepted', (days) => {
    expect(validatePendingDays(days)).toBe(days);
  });

  it.each([6, 1097, 0, -7, 7.5, Number.NaN])('pending days: %p → KMS.1401', (days) => {
    const err = refusal(() => validatePendingDays(days));
    expect(err).toMatchObject({ code: 'KMS.1401', message: `pending_days must be 7..1096, got ${days}` });
  });
});

describe('enterprise project id rule', () => {
  it('enterprise project: absent → "0"; a 36-character UUID → accepted', () => {
    expect(validateEnterpriseProjectId(undefined)).toBe('0');
    expect(validateEnterpriseProjectId('9b4c2f8e-1d3a-4e5f-8a7b-6c5d4e3f2a1b')).toHaveLength(36);
  });

  it('enterprise project: empty, 37 characters or a bad character → KMS.0308', () => {
    expect(refusal(() => validateEnterpriseProjectId('')).code).toBe('KMS.0308');
    expect(refusal(() => validateEnterpriseProjectId('e'.repeat(37))).message).toBe(
      'enterprise_project_id must be 1..36 characters, got 37',
    );
    expect(refusal(() => validateEnterpriseProjectId('ep_1')).code).toBe('KMS.0308');
  });
});
