import type { DewError } from '@dew/contracts';
import type { ErrorStyle } from '../routes/route.js';

/**
 * The one place where a refusal becomes an HTTP body (API.md §0, §10). KMS nests the error and
 * carries `code`/`message` beside `error_code`/`error_msg`, so both SDK parsers find the code.
 */
export function renderError(style: ErrorStyle, err: DewError): { status: number; body: object } {
  const code = style === 'csms' ? toCsmsCode(err) : err.code;
  switch (style) {
    case 'kms':
      return { status: err.status, body: { error: { error_code: code, error_msg: err.message, code, message: err.message } } };
    case 'csms':
      return { status: err.status, body: { error_code: code, error_msg: err.message } };
    case 'iam':
      return { status: err.status, body: { error: { code, message: err.message, title: titleOf(err.status) }, error_code: code, error_msg: err.message } };
    default: {
      const never: never = style;
      throw new Error(`unknown error style ${String(never)}`);
    }
  }
}

/** CSMS routes answer their own family of codes for the gateway-level refusals (API.md §10). */
function toCsmsCode(err: DewError): string {
  if (err.code.startsWith('CSMS.')) return err.code;
  switch (err.status) {
    case 401:
      return 'CSMS.0401';
    case 403:
      return 'CSMS.0403';
    case 413:
      return 'CSMS.0004';
    case 503:
      return 'CSMS.0503';
    case 500:
      return 'CSMS.0500';
    default:
      return err.code === 'KMS.0202' ? 'CSMS.0002' : 'CSMS.0004';
  }
}

function titleOf(status: number): string {
  return status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : status >= 500 ? 'Internal Server Error' : 'Bad Request';
}
