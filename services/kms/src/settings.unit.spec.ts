import type { ServiceSettings } from '@dew/nest-kit';
import { DEFAULT_USER_KEY_QUOTA } from '@dew/kms-domain';
import { kmsSettingsFromEnv } from './settings.js';

const service = { service: 'kms' } as ServiceSettings;

describe('kmsSettingsFromEnv: DEW_KMS_KEY_QUOTA', () => {
  it('unset → the default quota of 50 (Huawei’s)', () => {
    expect(DEFAULT_USER_KEY_QUOTA).toBe(50);
    expect(kmsSettingsFromEnv(service, {}).userKeyQuota).toBe(50);
  });

  it('a whole number → that quota', () => {
    expect(kmsSettingsFromEnv(service, { DEW_KMS_KEY_QUOTA: '200000' }).userKeyQuota).toBe(200_000);
    expect(kmsSettingsFromEnv(service, { DEW_KMS_KEY_QUOTA: '1' }).userKeyQuota).toBe(1);
  });

  it.each(['', ' ', '0', '-5', '2.5', 'many', '1e400', '0x10x', '0x10', '1e3', ' 12 ', '1000001'])('"%s" → a start-up error naming the variable, the range and the value', (value) => {
    expect(() => kmsSettingsFromEnv(service, { DEW_KMS_KEY_QUOTA: value })).toThrow(`DEW_KMS_KEY_QUOTA must be a whole number of keys from 1 to 1000000, got "${value}"`);
  });
});
