import { DewError } from './errors.js';

describe('DewError', () => {
  it('key not found: maps KMS.0207 to HTTP 404 and round-trips through its body', () => {
    const err = new DewError('KMS.0207', 'key 1 does not exist');
    expect(err.status).toBe(404);
    const back = DewError.fromBody(err.toBody());
    expect(back).toMatchObject({ code: 'KMS.0207', status: 404, message: 'key 1 does not exist' });
  });
});
