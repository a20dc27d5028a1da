import { passwordStrength, passwordStrengthLabel } from './password-strength.js';

describe('passwordStrength', () => {
  it.each([
    ['abc123', 'low', 'two classes'],
    ['abcdefgH1', 'mid', 'three classes, 9 characters'],
    ['aB1!', 'low', 'four classes but 4 characters'],
    ['aB1!aB1!', 'mid', 'four classes, 8 characters'],
    ['aB1!aB1!aB1!', 'high', 'four classes, 12 characters'],
  ] as const)('%s is %s (%s)', (password, strength, _why) => {
    expect(passwordStrength(password)).toBe(strength);
  });

  it('ShowUserResult labels: Low, Middle, High, and None for a user without a password', () => {
    expect([passwordStrengthLabel('low'), passwordStrengthLabel('mid'), passwordStrengthLabel('high'), passwordStrengthLabel(null)]).toEqual(['Low', 'Middle', 'High', 'None']);
  });
});
