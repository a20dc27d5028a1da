import { STATUS_CODES } from 'node:http';
import type { DewError, ErrorCode } from '@dew/contracts';
import type { ErrorStyle } from '../routes/route.js';

/**
 * How a family names a refusal raised outside its own service (authentication, authorisation,
 * size, routing, a service that is not deployed): by HTTP status, with a few codes carried over
 * by meaning. docs/api-decisions.md, "Error families".
 */
interface FamilyCodes {
  readonly prefix: string;
  readonly byStatus: Readonly<Partial<Record<number, ErrorCode>>>;
  readonly byCode?: Readonly<Partial<Record<ErrorCode, ErrorCode>>>;
  readonly otherwise: ErrorCode;
}

const FAMILIES: Readonly<Record<Exclude<ErrorStyle, 'kms'>, FamilyCodes>> = {
  csms: {
    prefix: 'CSMS.',
    byStatus: { 401: 'CSMS.0401', 403: 'CSMS.0403', 404: 'CSMS.0005', 413: 'CSMS.0004', 500: 'CSMS.0500', 503: 'CSMS.0503' },
    byCode: { 'KMS.0202': 'CSMS.0002' },
    otherwise: 'CSMS.0004',
  },
  kps: {
    prefix: 'KPS.',
    byStatus: { 401: 'KPS.0401', 403: 'KPS.0403', 404: 'KPS.0404', 413: 'KPS.0004', 429: 'KPS.0429', 500: 'KPS.0500', 503: 'KPS.0503' },
    otherwise: 'KPS.0002',
  },
  dhsm: {
    prefix: 'DHSM.',
    byStatus: { 401: 'DHSM.0401', 403: 'DHSM.0403', 404: 'DHSM.0404', 413: 'DHSM.0004', 429: 'DHSM.0429', 500: 'DHSM.0500', 503: 'DHSM.0503' },
    otherwise: 'DHSM.0002',
  },
  cts: {
    prefix: 'CTS.',
    byStatus: { 401: 'CTS.0002', 403: 'CTS.0002', 404: 'CTS.0404', 413: 'CTS.0003', 429: 'CTS.0429', 500: 'CTS.0005', 503: 'CTS.0005' },
    byCode: { 'KMS.0305': 'CTS.0012' },
    otherwise: 'CTS.0003',
  },
  iam: {
    prefix: 'IAM.',
    byStatus: { 401: 'IAM.0005', 403: 'IAM.0006', 404: 'IAM.0002', 409: 'IAM.0003', 413: 'IAM.0001', 429: 'IAM.0007', 500: 'IAM.0008', 503: 'IAM.0008' },
    otherwise: 'IAM.0001',
  },
};

/**
 * KMS's code for a fault another family raised on a KMS route: IAM answering the authentication
 * of a KMS request busy or faulty (IAM.0008) must not reach a KMS caller as an IAM code.
 */
const KMS_FAULT_BY_STATUS: Readonly<Partial<Record<number, ErrorCode>>> = { 500: 'KMS.0101', 503: 'KMS.0101' };

/** The code a refusal carries on a route of `style`: its own when it is of that family. */
export function familyCode(style: ErrorStyle, err: DewError): string {
  if (style === 'kms') return err.code.startsWith('KMS.') ? err.code : KMS_FAULT_BY_STATUS[err.status] ?? err.code;
  const family = FAMILIES[style];
  if (err.code.startsWith(family.prefix)) return err.code;
  return family.byCode?.[err.code] ?? family.byStatus[err.status] ?? family.otherwise;
}

/**
 * The one place where a refusal becomes an HTTP body, in the shape of the service the path
 * belongs to (docs/api-decisions.md, "Error families"). KMS, KPS and DHSM nest the error and carry
 * `code`/`message` beside `error_code`/`error_msg`, so both SDK parsers find the code; IAM answers
 * as Keystone does (the HTTP status as `code`, its reason as `title`) with DEW's code beside it.
 */
export function renderError(style: ErrorStyle, err: DewError): RenderedError {
  const rendered = renderBody(style, err);
  // A 503 whose request was certainly not carried out: the caller may retry after the seconds its
  // service gave (docs/architecture.md, "Cluster mode"). Where the outcome is unknown, none is offered.
  return err.status === 503 && err.retryAfterS !== undefined ? { ...rendered, headers: { 'Retry-After': String(err.retryAfterS) } } : rendered;
}

export interface RenderedError {
  readonly status: number;
  readonly body: object;
  readonly headers?: Readonly<Record<string, string>>;
}

function renderBody(style: ErrorStyle, err: DewError): RenderedError {
  const code = familyCode(style, err);
  const message = err.message;
  switch (style) {
    case 'kms':
    case 'kps':
    case 'dhsm':
      return { status: err.status, body: { error: { error_code: code, error_msg: message, code, message } } };
    case 'csms':
    case 'cts':
      return { status: err.status, body: { error_code: code, error_msg: message } };
    case 'iam':
      return { status: err.status, body: { error: { code: err.status, message, title: STATUS_CODES[err.status] ?? 'Error' }, error_code: code, error_msg: message } };
    default: {
      const never: never = style;
      throw new Error(`unknown error style ${String(never)}`);
    }
  }
}
