import { DewError, ERROR_STATUS } from '../errors.js';
import * as kps from './kps.js';

describe('KPS named refusals', () => {
  it('every refusal: a DewError of the KPS family whose status is its code\'s', () => {
    for (const [name, make] of Object.entries(kps)) {
      const refusal = (make as (...args: unknown[]) => DewError)('x', 'y', 'z');
      expect({ name, isDewError: refusal instanceof DewError, family: refusal.code.split('.')[0], status: refusal.status }).toEqual({
        name,
        isDewError: true,
        family: 'KPS',
        status: ERROR_STATUS[refusal.code],
      });
    }
  });

  it('codes and statuses: bad value 400, not found 404, conflict 409, quota 400, server forbids 400, no hosted key 400', () => {
    expect(kps.KpsFieldInvalid('port', 'be an integer 1..65535', 0)).toMatchObject({ code: 'KPS.0002', status: 400, message: 'port must be an integer 1..65535, got 0' });
    expect(kps.KeypairNotFound('web')).toMatchObject({ code: 'KPS.0404', status: 404, message: 'key pair "web" does not exist' });
    expect(kps.KeypairNameTaken('web', 'an account-scoped key pair')).toMatchObject({
      code: 'KPS.0409',
      status: 409,
      message: 'key pair name "web" is taken by an account-scoped key pair',
    });
    expect(kps.KpsQuotaReached('key pairs', 1000, 1000)).toMatchObject({ code: 'KPS.1001', status: 400, message: 'quota of 1000 key pairs per account reached (1000 key pairs)' });
    expect(kps.ServerOsForbids('s1', 'Windows')).toMatchObject({
      code: 'KPS.1101',
      status: 400,
      message: 'server "s1" runs Windows: DEW binds key pairs to Linux servers only',
    });
    expect(kps.NoHostedPrivateKey('web', 'clearing it')).toMatchObject({ code: 'KPS.1102', status: 400, message: 'key pair "web" has no hosted private key (needed for clearing it)' });
  });

  it('user input is quoted and cut: a 100-character name shows 61 characters and "..."', () => {
    expect(kps.KeypairNotFound('n'.repeat(100)).message).toBe(`key pair "${'n'.repeat(61)}..." does not exist`);
  });
});
