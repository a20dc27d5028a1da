/**
 * The closed set of stable error codes (API.md §1.4, §2, §10) and the HTTP status each maps to.
 * Services raise `DewError`; the gateway renders it in one place (the service's own body shape).
 * Messages name the limit and the value they got, never a secret.
 */
export const ERROR_STATUS = {
  // common
  'KMS.0101': 500, // internal fault or service not deployed (503 is chosen explicitly)
  'KMS.0201': 400,
  'KMS.0202': 400,
  'KMS.0203': 413,
  'KMS.0204': 400,
  'KMS.0205': 400,
  'KMS.0206': 400,
  'KMS.0207': 404,
  'KMS.0208': 400,
  'KMS.0209': 400,
  'KMS.0210': 400,
  'KMS.0211': 400,
  'KMS.0215': 405,
  'KMS.0301': 401,
  'KMS.0302': 401,
  'KMS.0303': 401,
  'KMS.0304': 429,
  'KMS.0305': 403,
  'KMS.0306': 403,
  'KMS.0307': 403,
  'KMS.0308': 400,
  'KMS.0309': 400,
  'KMS.0310': 400,
  'KMS.0401': 400,
  'KMS.0402': 400,
  'KMS.0403': 400,
  'KMS.0404': 400,
  'KMS.0405': 400,
  'KMS.0406': 400,
  'KMS.0407': 400,
  'KMS.0408': 400,
  'KMS.0409': 400,
  'KMS.0410': 400,
  'KMS.0411': 400,
  'KMS.0412': 400,
  'KMS.0413': 400,
  // per operation
  'KMS.1101': 400,
  'KMS.1103': 400,
  'KMS.1104': 400,
  'KMS.1105': 400,
  'KMS.1201': 400,
  'KMS.1301': 400,
  'KMS.1401': 400,
  'KMS.1402': 400,
  'KMS.1501': 400,
  'KMS.1601': 400,
  'KMS.1602': 400,
  // IAM (gateway-rendered through the KMS body for KMS routes)
  'IAM.0001': 400,
  'IAM.0002': 404,
  'IAM.0003': 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: string;
}

/** A refusal with a stable code. Thrown by decide() and by adapters; never carries secrets. */
export class DewError extends Error {
  readonly status: number;
  constructor(readonly code: ErrorCode, message: string, status?: number) {
    super(message);
    this.name = 'DewError';
    this.status = status ?? ERROR_STATUS[code];
  }
  toBody(): ErrorBody {
    return { code: this.code, status: this.status, message: this.message };
  }
  static fromBody(body: ErrorBody): DewError {
    return new DewError(body.code, body.message, body.status);
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
