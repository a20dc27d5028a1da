import { runnerSettingsFromEnv } from './settings.js';

describe('DEW_PKCS11_ISOLATION setting', () => {
  test('absent, the token module runs in each process (none)', () => {
    expect(runnerSettingsFromEnv({}, '/repo', '/tmp').rootKeyIsolation).toBe('none');
  });

  test('p11-kit is read as such', () => {
    expect(runnerSettingsFromEnv({ DEW_PKCS11_ISOLATION: 'p11-kit' }, '/repo', '/tmp').rootKeyIsolation).toBe('p11-kit');
  });

  test('another value is refused naming the allowed ones and the value', () => {
    expect(() => runnerSettingsFromEnv({ DEW_PKCS11_ISOLATION: 'p11kit' }, '/repo', '/tmp')).toThrow('DEW_PKCS11_ISOLATION must be one of none, p11-kit, got "p11kit"');
  });
});
