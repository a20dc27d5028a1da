import type { Model } from './walk.js';

/**
 * Error bodies per family (docs/api-decisions.md, "Error families"). The SDK models no error body;
 * its error parser (core ExceptionUtil) reads `error.code`/`error.message`, else `error_code`/`error_msg`.
 */
const NESTED: Model = {
  error: { type: 'object', fields: { error_code: { type: 'string' }, error_msg: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
};
const FLAT: Model = { error_code: { type: 'string' }, error_msg: { type: 'string' } };

export const ERROR_BODIES = {
  /** `{error:{error_code,error_msg}}` as the cloud sends it, `code`/`message` beside for the Node parser. */
  kms: NESTED,
  /** Same shape as KMS (the same host, the same gateway), KPS.xxxx codes. */
  kps: NESTED,
  /** `{error_code,error_msg}`. */
  csms: FLAT,
  /** `{error_code,error_msg}` with CTS.xxxx codes. */
  cts: FLAT,
  /** Keystone: `{error:{code:<HTTP status>,message,title}}`; DEW's IAM code beside it. */
  iam: {
    error: { type: 'object', fields: { code: { type: 'integer' }, message: { type: 'string' }, title: { type: 'string' } } },
    error_code: { type: 'string' },
    error_msg: { type: 'string' },
  },
} as const satisfies Record<string, Model>;

/** The code of a refusal, wherever its family puts it. */
export function codeOf(family: keyof typeof ERROR_BODIES, body: Record<string, unknown> | null): unknown {
  const nested = body?.error as Record<string, unknown> | undefined;
  return family === 'kms' || family === 'kps' ? nested?.error_code : body?.error_code;
}
