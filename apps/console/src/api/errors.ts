/**
 * An API refusal as the console shows it: the API's own code and message. The gateway answers in
 * three body shapes by family (docs/api-decisions.md, "Error families"); all three carry
 * `error_code`/`error_msg`, nested under `error` for KMS, KPS and DHSM, beside it for IAM.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Json = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The refusal a non-2xx answer carries; its status stands in for a body that names none. */
export function apiErrorOf(status: number, body: unknown): ApiError {
  const top = (body ?? {}) as Json;
  const nested = (typeof top.error === 'object' && top.error !== null ? top.error : {}) as Json;
  const code = text(nested.error_code) ?? text(top.error_code) ?? text(nested.code) ?? `HTTP ${status}`;
  const message = text(nested.error_msg) ?? text(top.error_msg) ?? text(nested.message) ?? `The request failed with HTTP status ${status}.`;
  return new ApiError(status, code, message);
}
