/**
 * The closed set of stable error codes and the HTTP status each maps to.
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
  // tags: Huawei lists 0401–0413 without a per-code table; DEW fixes them (docs/api-decisions.md, "Tags")
  'KMS.0401': 400, // tag list empty
  'KMS.0402': 400, // bad match key
  'KMS.0403': 400, // bad match value
  'KMS.0404': 400, // bad action
  'KMS.0405': 400, // bad tag key (characters)
  'KMS.0406': 400, // bad tag value (characters)
  'KMS.0407': 400, // tag key length (1..36)
  'KMS.0408': 400, // tag value length (0..43)
  'KMS.0409': 400, // duplicate tag key (one value per key)
  'KMS.0410': 400, // tag does not exist
  'KMS.0411': 400, // tags not allowed on a default key
  'KMS.0412': 400, // reserved
  'KMS.0413': 400, // too many tags (20 per key)
  'KMS.0414': 400, // reserved
  'KMS.0415': 400, // invalid matches
  'KMS.0417': 400, // offset below 0
  'KMS.0418': 400, // offset not required
  // per operation
  'KMS.1101': 400,
  'KMS.1103': 400,
  'KMS.1104': 400,
  'KMS.1105': 400,
  'KMS.1106': 400, // alias quota reached (per key or per project; docs/api-decisions.md, "Aliases")
  'KMS.1201': 400,
  'KMS.1301': 400,
  'KMS.1401': 400,
  'KMS.1402': 400,
  'KMS.1501': 400,
  'KMS.1601': 400,
  'KMS.1602': 400,
  'KMS.1801': 400, // random_data_length
  'KMS.1901': 400, // datakey_length
  'KMS.2001': 400, // datakey_length (without plaintext)
  'KMS.2101': 400, // invalid plain_text (encrypt-datakey)
  'KMS.2102': 400, // datakey_plain_length
  'KMS.2103': 400, // plain_text digest mismatch
  'KMS.2201': 400, // invalid cipher_text (decrypt-datakey)
  'KMS.2202': 400, // datakey_cipher_length
  'KMS.2203': 400, // digest check failed
  'KMS.2401': 400, // operations may not be create-grant alone / invalid operation
  'KMS.2402': 400, // invalid principal
  'KMS.2403': 400, // grant creation failed
  'KMS.2404': 400, // grant quota per CMK reached
  'KMS.2405': 400, // grant quota per principal reached
  'KMS.2501': 404, // grant does not exist
  'KMS.2502': 400, // grant_id does not match key_id
  'KMS.2601': 400, // import token malformed
  'KMS.2602': 400, // expiration must be in the future
  'KMS.2603': 400, // import token made for another key
  'KMS.2604': 400, // bad key material (length, wrap, spec)
  'KMS.2605': 400, // import token failed verification, expired or used
  'KMS.2606': 400, // re-imported material differs from the first
  'KMS.2701': 400, // material can be deleted only for symmetric keys in Enabled or Disabled
  'KMS.2801': 400, // key policy invalid (names the field and the value; size limit)
  'KMS.2802': 400, // key already has a policy (create-key-policy)
  'KMS.2803': 404, // key has no policy (show, update, delete)
  'KMS.2804': 403, // a key policy explicitly denies the operation to the caller
  'KMS.2901': 400, // key store: a field breaks its rule (alias, hsm_cluster_id, hsm_ca_cert, limit/offset)
  'KMS.2902': 404, // key store does not exist (or another project's)
  'KMS.2903': 400, // key store alias taken, or the HSM instance already backs a key store
  'KMS.2904': 400, // key store quota reached
  'KMS.2905': 400, // key store state forbids the operation (disabled store's keys, delete while enabled)
  'KMS.2906': 400, // key store still holds keys not scheduled for deletion
  'KMS.2907': 400, // key store cannot honour a create-key field (key spec, origin)
  'KMS.2908': 400, // HSM instance unknown in the project, or not Running (Frozen …)
  'KMS.2909': 409, // HSM instance did not answer (failover): retry
  // CSMS
  'CSMS.0002': 400,
  'CSMS.0003': 400,
  'CSMS.0004': 400,
  'CSMS.0005': 404,
  'CSMS.0103': 400,
  'CSMS.0105': 400,
  'CSMS.0106': 404,
  'CSMS.0107': 400,
  'CSMS.0108': 400,
  'CSMS.0401': 401,
  'CSMS.0403': 403,
  'CSMS.0500': 500,
  'CSMS.0503': 503,
  'CSMS.1001': 400,
  'CSMS.1002': 400,
  'CSMS.1003': 400,
  'CSMS.1004': 400,
  // IAM
  'IAM.0001': 400, // invalid request field
  'IAM.0002': 404, // domain, project, user or access key not found
  'IAM.0003': 409, // name already exists in the domain
  'IAM.0004': 400, // quota reached (e.g. 2 access keys per user)
  'IAM.0005': 401, // authentication failed
  'IAM.0006': 403, // forbidden
  'IAM.0007': 429, // too many failed password logins
  'IAM.0008': 500, // internal fault or IAM not deployed (503 is chosen explicitly)
  // KPS: Huawei publishes no KPS codes; DEW's are fixed in docs/api-decisions.md ("Error families")
  'KPS.0002': 400, // malformed JSON or a bad field value
  'KPS.0004': 400, // body of the wrong shape (or over 1 MiB, then 413)
  'KPS.0401': 401, // authentication failed
  'KPS.0403': 403, // forbidden (project or action)
  'KPS.0404': 404, // no such API, key pair, server or task
  'KPS.0409': 409, // conflict: name taken, server already bound, a task already live on the server, private key already hosted
  'KPS.0429': 429, // too many failed authentications
  'KPS.0500': 500, // internal fault
  'KPS.0503': 503, // KPS not deployed or not answering
  'KPS.1001': 400, // quota reached (key pairs or servers per account)
  'KPS.1101': 400, // the server's OS or status forbids the operation
  'KPS.1102': 400, // the key pair has no hosted private key
  'KPS.1201': 400, // the KMS key of a hosted private key is disabled, pending deletion, gone or unfit
  // DHSM: Dedicated HSM is DEW's own API; its codes are fixed in docs/api-decisions.md ("Error families")
  'DHSM.0002': 400, // malformed JSON or a bad field value
  'DHSM.0004': 400, // body of the wrong shape (or over 1 MiB, then 413)
  'DHSM.0401': 401, // authentication failed
  'DHSM.0403': 403, // forbidden (project or action)
  'DHSM.0404': 404, // no such API or instance
  'DHSM.0409': 409, // conflict: name taken, the instance's status does not allow the step
  'DHSM.0429': 429, // too many failed authentications
  'DHSM.0500': 500, // internal fault
  'DHSM.0503': 503, // Dedicated HSM not deployed or not answering
  'DHSM.1001': 400, // quota reached (instances per project)
  // CTS: published codes where Huawei has one (docs/api-decisions.md, "Error families")
  'CTS.0002': 403, // authentication failed or no permission (401 when the caller is not authenticated)
  'CTS.0003': 400, // invalid request (query, body; 413 when over 1 MiB)
  'CTS.0005': 500, // data read fault (503 when the trace store does not answer)
  'CTS.0012': 403, // project in the path is not the caller's
  'CTS.0404': 404, // no such API (DEW)
  'CTS.0429': 429, // too many failed authentications (DEW)
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  readonly code: ErrorCode;
  readonly status: number;
  readonly message: string;
  /** Set only on a 503 whose request was certainly not carried out: the caller may retry after this many seconds (HTTP Retry-After). */
  readonly retry_after_s?: number;
}

/** A refusal with a stable code. Thrown by decide() and by adapters; never carries secrets. */
export class DewError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    status?: number,
    /** See ErrorBody.retry_after_s. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'DewError';
    this.status = status ?? ERROR_STATUS[code];
  }
  toBody(): ErrorBody {
    return { code: this.code, status: this.status, message: this.message, ...(this.retryAfterS !== undefined ? { retry_after_s: this.retryAfterS } : {}) };
  }
  static fromBody(body: ErrorBody): DewError {
    return new DewError(body.code, body.message, body.status, body.retry_after_s);
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
