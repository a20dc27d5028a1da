import type { KeyDetails } from '../../api/kms';
import { formatTime, keyStateLabel, originLabel, toolAvailable, usagesOf, utf8Bytes } from './key-format';

const key = (over: Partial<KeyDetails>): KeyDetails => ({
  key_id: 'k', domain_id: 'd', key_alias: 'a', realm: 'dew-local', key_spec: 'AES_256', key_usage: 'ENCRYPT_DECRYPT', key_description: '',
  creation_date: '0', scheduled_deletion_date: '', key_state: '2', default_key_flag: '0', key_type: '1', expiration_time: '', origin: 'kms',
  key_rotation_enabled: 'false', sys_enterprise_project_id: '0', keystore_id: '0', ...over,
});

describe('key display', () => {
  it('names the states and origins as the guide does, and an unknown state by its code', () => {
    expect(['2', '3', '4', '5'].map(keyStateLabel)).toEqual(['Enabled', 'Disabled', 'Pending deletion', 'Pending import']);
    expect(keyStateLabel('9')).toBe('Unknown (9)');
    expect([originLabel('kms'), originLabel('external')]).toEqual(['Key Management Service', 'External']);
  });

  it('offers the online tool only for an enabled user key made for encryption', () => {
    expect(toolAvailable(key({}))).toBe(true);
    expect(toolAvailable(key({ key_state: '3' }))).toBe(false);
    expect(toolAvailable(key({ default_key_flag: '1' }))).toBe(false);
    expect(toolAvailable(key({ key_spec: 'EC_P256', key_usage: 'SIGN_VERIFY' }))).toBe(false);
  });

  it('RSA defaults to SIGN_VERIFY and AES allows only ENCRYPT_DECRYPT (guide, "Usage")', () => {
    expect(usagesOf('RSA_2048')[0]).toBe('SIGN_VERIFY');
    expect(usagesOf('AES_256')).toEqual(['ENCRYPT_DECRYPT']);
  });

  it('counts the 4 KB limit in UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('a'.repeat(4096))).toBe(4096);
  });

  it('shows a missing or zero time as a dash', () => {
    expect(formatTime(null)).toBe('—');
    expect(formatTime('')).toBe('—');
    expect(formatTime(Date.UTC(2026, 0, 2))).toContain('2026');
  });
});
