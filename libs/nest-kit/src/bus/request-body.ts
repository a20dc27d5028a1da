import type { DewError } from '@dew/contracts';

/**
 * A request body that was not JSON within the limits. The transport cannot answer it itself
 * (the handler's family and filter decide the answer), so it hands this on and the body pipe
 * raises it: every refusal leaves through the one exception filter.
 */
export class MalformedBody {
  constructor(readonly refusal: DewError) {}
}
