import { DewError } from '@dew/contracts';
import { renderError } from './error-renderer.js';

describe('renderError', () => {
  const err = new DewError('KMS.0207', 'key k does not exist');

  it('kms style: nests the error with code/message beside error_code/error_msg, status from the code', () => {
    expect(renderError('kms', err)).toEqual({
      status: 404,
      body: { error: { error_code: 'KMS.0207', error_msg: 'key k does not exist', code: 'KMS.0207', message: 'key k does not exist' } },
    });
  });

  it('csms style: flat body; gateway refusals map to the CSMS family (401 → CSMS.0401, 413 → CSMS.0004, 503 → CSMS.0503)', () => {
    expect(renderError('csms', new DewError('KMS.0302', 'bad signature'))).toEqual({ status: 401, body: { error_code: 'CSMS.0401', error_msg: 'bad signature' } });
    expect(renderError('csms', new DewError('KMS.0203', 'too big')).body).toEqual({ error_code: 'CSMS.0004', error_msg: 'too big' });
    expect(renderError('csms', new DewError('KMS.0101', 'down', 503)).body).toEqual({ error_code: 'CSMS.0503', error_msg: 'down' });
  });
});
