import type { ApiResult } from './sdk-client.js';

/** A refusal as an SDK user sees it: HTTP status and the code the SDK's parser found. */
export function refusal(result: ApiResult<unknown>): { status: number; code: string | undefined } {
  return { status: result.status, code: result.errorCode };
}
