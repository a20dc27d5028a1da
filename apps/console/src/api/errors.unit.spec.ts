import { apiErrorOf } from './errors';

describe('apiErrorOf', () => {
  it('reads the code and message of each of the three error families', () => {
    const kms = apiErrorOf(400, { error: { error_code: 'KMS.0205', error_msg: 'bad key', code: 'KMS.0205', message: 'bad key' } });
    const csms = apiErrorOf(404, { error_code: 'CSMS.0005', error_msg: 'no such secret' });
    const iam = apiErrorOf(401, { error: { code: 401, message: 'wrong', title: 'Unauthorized' }, error_code: 'IAM.0005', error_msg: 'wrong' });
    expect([kms.code, kms.message, kms.status]).toEqual(['KMS.0205', 'bad key', 400]);
    expect([csms.code, csms.message]).toEqual(['CSMS.0005', 'no such secret']);
    expect([iam.code, iam.message]).toEqual(['IAM.0005', 'wrong']);
  });

  it('a body without a code (a proxy page, an empty body) still names the HTTP status', () => {
    const e = apiErrorOf(502, '<html>Bad gateway</html>');
    expect(e.code).toBe('HTTP 502');
    expect(e.message).toContain('502');
  });
});
