import { controlPortFrom } from './provisioning-config.js';

describe('DEW_HSM_CONTROL_PORT', () => {
  it('absent or empty is 0: a free port chosen when the control plane starts', () => {
    expect(controlPortFrom(undefined)).toBe(0);
    expect(controlPortFrom('')).toBe(0);
  });

  it('a port number is taken as it is', () => {
    expect(controlPortFrom('25600')).toBe(25600);
  });

  it.each(['65536', '-1', '25600x', '1e3', ' 80'])('%j is refused, naming the variable, the range and the value', (value) => {
    expect(() => controlPortFrom(value)).toThrow(`DEW_HSM_CONTROL_PORT must be a port from 0 to 65535, got ${JSON.stringify(value)}`);
  });
});
