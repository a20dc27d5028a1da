import type { ErrorBody, ErrorCode, ErrorFamily } from '@dew/contracts';
import { BusRequestFailed, StreamPublishRefused } from '@dew/messaging';

/** Each family's code for "not answering now, retry" (docs/api-decisions.md, "Status and error codes"), always with 503. */
const UNAVAILABLE_CODE: Readonly<Record<ErrorFamily, ErrorCode>> = { kms: 'KMS.0101', csms: 'CSMS.0503', kps: 'KPS.0503', dhsm: 'DHSM.0503', cts: 'CTS.0005', iam: 'IAM.0008' };

/** nats.js's errors of a bus or JetStream that did not answer, by name: the packages may be loaded more than once. */
const TRANSIENT_NAMES = new Set(['TimeoutError', 'NoResponders', 'NoRespondersError', 'ClosedConnectionError', 'DrainingConnectionError', 'ConnectionError', 'JetStreamNotEnabled']);

/**
 * A fault of the moment rather than of the request: the bus or JetStream did not answer (a node
 * killed, a stream's leader being elected — a publish then finds no responders, NoStreamForSubject
 * wrapping it —, the connection re-established), or answered "temporarily unavailable" (HTTP-like
 * status 503). A stream missing for good reads the same on the wire; the log line tells them apart. The request may be retried; the write it asked for may or
 * may not have been stored, as with any request whose answer was lost (docs/architecture.md,
 * "Cluster mode").
 */
export function isTransientBusFault(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 3) return false;
  const named = err as Error & { status?: unknown; code?: unknown };
  if (TRANSIENT_NAMES.has(err.name)) return true;
  // DEW's own request path (RequestMux, publishToStream): nobody answered, or too late, or JetStream said 503.
  if (err instanceof BusRequestFailed) return err.kind === 'no-responders' || err.kind === 'timeout' || err.kind === 'connection-lost';
  if (err instanceof StreamPublishRefused) return err.status === 503;
  if (err.name === 'JetStreamApiError' && named.status === 503) return true;
  if (err.name === 'JetStreamStatusError' && named.code === 503) return true;
  // RequestError and others wrap the cause.
  return isTransientBusFault(err.cause, depth + 1);
}

/** The answer to a transient fault: the family's 503, naming the request so its log lines can be found. */
export function unavailableBody(family: ErrorFamily, requestId: string): ErrorBody {
  return { code: UNAVAILABLE_CODE[family], status: 503, message: `service temporarily unavailable (request ${requestId}): the event store or the bus did not answer; retry the request` };
}
