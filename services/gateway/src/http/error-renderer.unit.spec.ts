import { DewError } from '@dew/contracts';
import { familyCode, renderError } from './error-renderer.js';

describe('renderError', () => {
  const err = new DewError('KMS.0207', 'key k does not exist');

  it('kms style: nests the error with code/message beside error_code/error_msg, status from the code', () => {
    expect(renderError('kms', err)).toEqual({
      status: 404,
      body: { error: { error_code: 'KMS.0207', error_msg: 'key k does not exist', code: 'KMS.0207', message: 'key k does not exist' } },
    });
  });

  it("kms style: another family's fault (IAM busy while authenticating a KMS request) answers KMS.0101 with its status and retry offer", () => {
    expect(renderError('kms', new DewError('IAM.0008', 'service busy', 503, 1))).toEqual({
      status: 503,
      body: { error: { error_code: 'KMS.0101', error_msg: 'service busy', code: 'KMS.0101', message: 'service busy' } },
      headers: { 'Retry-After': '1' },
    });
    expect(renderError('kms', new DewError('IAM.0008', 'fault', 500)).status).toBe(500);
    expect(familyCode('kms', new DewError('IAM.0008', 'fault', 500))).toBe('KMS.0101');
  });

  it('a 503 whose request was certainly not carried out asks the caller to retry after its seconds (Retry-After), in every style; a 503 of unknown outcome and other refusals carry no such header', () => {
    for (const style of ['kms', 'csms', 'kps', 'dhsm', 'cts', 'iam'] as const) {
      expect(renderError(style, new DewError('KMS.0101', 'down', 503, 1)).headers).toEqual({ 'Retry-After': '1' });
      expect(renderError(style, new DewError('KMS.0101', 'answer lost', 503)).headers).toBeUndefined();
      expect(renderError(style, new DewError('KMS.0101', 'fault', 500)).headers).toBeUndefined();
      expect(renderError(style, new DewError('KMS.0308', 'bad', 400)).headers).toBeUndefined();
    }
  });

  it('csms style: flat body; gateway refusals map to the CSMS family (401 → CSMS.0401, 413 → CSMS.0004, 503 → CSMS.0503)', () => {
    expect(renderError('csms', new DewError('KMS.0302', 'bad signature'))).toEqual({ status: 401, body: { error_code: 'CSMS.0401', error_msg: 'bad signature' } });
    expect(renderError('csms', new DewError('KMS.0203', 'too big')).body).toEqual({ error_code: 'CSMS.0004', error_msg: 'too big' });
    expect(renderError('csms', new DewError('KMS.0101', 'down', 503)).body).toEqual({ error_code: 'CSMS.0503', error_msg: 'down' });
  });

  it('kps style: nested like KMS with KPS codes (401 → KPS.0401, 403 → KPS.0403, 503 → KPS.0503, bad JSON → KPS.0002)', () => {
    expect(renderError('kps', new DewError('KMS.0302', 'bad signature'))).toEqual({
      status: 401,
      body: { error: { error_code: 'KPS.0401', error_msg: 'bad signature', code: 'KPS.0401', message: 'bad signature' } },
    });
    expect(renderError('kps', new DewError('KMS.0307', 'denied')).body).toMatchObject({ error: { error_code: 'KPS.0403' } });
    expect(renderError('kps', new DewError('KMS.0101', 'down', 503))).toMatchObject({ status: 503, body: { error: { error_code: 'KPS.0503' } } });
    expect(renderError('kps', new DewError('KMS.0202', 'bad json')).body).toMatchObject({ error: { error_code: 'KPS.0002' } });
  });

  it('cts style: flat with CTS codes (401/403 → CTS.0002, foreign project → CTS.0012, bad query → CTS.0003, fault → CTS.0005)', () => {
    expect(renderError('cts', new DewError('KMS.0301', 'no credentials'))).toEqual({ status: 401, body: { error_code: 'CTS.0002', error_msg: 'no credentials' } });
    expect(renderError('cts', new DewError('KMS.0307', 'denied')).body).toEqual({ error_code: 'CTS.0002', error_msg: 'denied' });
    expect(renderError('cts', new DewError('KMS.0305', 'not your project'))).toEqual({ status: 403, body: { error_code: 'CTS.0012', error_msg: 'not your project' } });
    expect(renderError('cts', new DewError('KMS.0308', 'limit must be 1..200, got 0')).body).toEqual({ error_code: 'CTS.0003', error_msg: 'limit must be 1..200, got 0' });
    expect(renderError('cts', new DewError('KMS.0101', 'internal error')).body).toEqual({ error_code: 'CTS.0005', error_msg: 'internal error' });
  });

  it('iam style: Keystone body (HTTP status as code, its reason as title) with the IAM code beside it; gateway refusals map to IAM codes', () => {
    expect(renderError('iam', new DewError('IAM.0003', 'name taken'))).toEqual({
      status: 409,
      body: { error: { code: 409, message: 'name taken', title: 'Conflict' }, error_code: 'IAM.0003', error_msg: 'name taken' },
    });
    expect(renderError('iam', new DewError('KMS.0302', 'bad signature'))).toEqual({
      status: 401,
      body: { error: { code: 401, message: 'bad signature', title: 'Unauthorized' }, error_code: 'IAM.0005', error_msg: 'bad signature' },
    });
    expect(renderError('iam', new DewError('KMS.0307', 'denied')).body).toMatchObject({ error: { code: 403, title: 'Forbidden' }, error_code: 'IAM.0006' });
  });
});
