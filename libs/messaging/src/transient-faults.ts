import { errors } from '@nats-io/transport-node';
import { JetStreamApiError, JetStreamError } from '@nats-io/jetstream';
import type { ErrorBody, ErrorCode, ErrorFamily } from '@dew/contracts';
import { BusRequestFailed } from './request-mux.js';
import { DuplicateOfUnstored, NoStreamForSubject, StreamPublishRefused } from './stream-publish.js';
import { StateBehindStream } from './state-behind-stream.js';

/** Each family's code for "not answering now" (docs/api-decisions.md, "Status and error codes"), always with 503. */
const UNAVAILABLE_CODE: Readonly<Record<ErrorFamily, ErrorCode>> = { kms: 'KMS.0101', csms: 'CSMS.0503', kps: 'KPS.0503', dhsm: 'DHSM.0503', cts: 'CTS.0005', iam: 'IAM.0008' };

/**
 * JetStream answers 503 both for "not now" (no leader, the cluster unavailable) and for a store
 * that refuses the message for good (10077: at its limits); only the first is of the moment.
 */
const STORE_REFUSED = 10077;
/** nats-server 2.11+ sheds load with 429 (10167, "too many requests"): nothing was stored. */
const TOO_MANY_REQUESTS = 429;
const ofTheMoment = (status: number | undefined, errCode: number | undefined): boolean => (status === 503 && errCode !== STORE_REFUSED) || status === TOO_MANY_REQUESTS;

/** Seconds a caller is asked to wait before retrying a request that was certainly not carried out. */
export const RETRY_AFTER_S = 1;

/**
 * What a fault of the moment means for the request: `not-done` — nothing answered or JetStream
 * refused, so nothing was stored and a retry is safe; `unknown` — the answer was lost (a timeout, a
 * connection gone), so the write may have been stored; `partly-done` — the failed step stored
 * nothing, but an earlier step of the same request was stored (the service knows, not the error).
 * `null`: no fault of the moment.
 */
export type TransientFault = 'not-done' | 'unknown' | 'partly-done';

/**
 * A fault of the moment rather than of the request: the bus or JetStream did not answer (a node
 * killed, a stream's leader being elected — a publish then finds no responders, NoStreamForSubject
 * wrapping it —, the connection re-established), or answered "temporarily unavailable" (HTTP-like
 * status 503). A stream missing for good reads the same on the wire; the log line tells them apart.
 * Only the NATS clients' and DEW's own request errors count, by class (an `AbortSignal.timeout`
 * elsewhere is no bus fault).
 */
export function transientFault(err: unknown, depth = 0): TransientFault | null {
  if (!(err instanceof Error) || depth > 3) return null;
  if (err instanceof NoStreamForSubject) return 'not-done';
  if (err instanceof DuplicateOfUnstored) return 'unknown';
  if (err instanceof StateBehindStream) return err.fault;
  if (err instanceof BusRequestFailed) return err.kind === 'no-responders' ? 'not-done' : err.kind === 'timeout' || err.kind === 'connection-lost' || err.kind === 'replica-lost' ? 'unknown' : null;
  if (err instanceof StreamPublishRefused) return ofTheMoment(err.status, err.errCode) ? 'not-done' : null;
  if (err instanceof JetStreamApiError) return ofTheMoment(err.status, err.code) ? 'not-done' : null;
  if (err instanceof errors.NoRespondersError) return 'not-done';
  if (err instanceof JetStreamError && (err as JetStreamError & { code?: unknown }).code === 503) return 'not-done';
  if (err instanceof errors.TimeoutError || err instanceof errors.ClosedConnectionError || err instanceof errors.DrainingConnectionError || err instanceof errors.ConnectionError) return 'unknown';
  // RequestError and others wrap the cause.
  return transientFault(err.cause, depth + 1);
}

/** The family's 503 naming the request; `retry` offers a retry (Retry-After at the gateway): only where nothing was done. */
function unavailable(family: ErrorFamily, message: string, retry: boolean): ErrorBody {
  return { code: UNAVAILABLE_CODE[family], status: 503, message, ...(retry ? { retry_after_s: RETRY_AFTER_S } : {}) };
}

/**
 * A "does not exist" the service could not confirm: its state may be behind the streams (a node
 * down, a catch-up past its bound), so instead of a 404 that may be wrong, the family's 503 —
 * nothing was done, so a retry is offered.
 */
export function unconfirmedBody(family: ErrorFamily, requestId: string): ErrorBody {
  return unavailable(family, `service temporarily unavailable (request ${requestId}): it could not read the event store to its end to confirm the resource does not exist; nothing was done; retry the request`, true);
}

/**
 * The answer to a fault of the moment: the family's 503, naming the request so its log lines can
 * be found; a retry is offered (Retry-After at the gateway) only where nothing was carried out.
 */
export function unavailableBody(family: ErrorFamily, requestId: string, fault: TransientFault): ErrorBody {
  const what = `service temporarily unavailable (request ${requestId})`;
  switch (fault) {
    case 'not-done':
      return unavailable(family, `${what}: the event store or the bus did not answer, nothing was done; retry the request`, true);
    case 'partly-done':
      return unavailable(family, `${what}: the event store or the bus stopped answering after part of the request was carried out; check its effect before retrying it`, false);
    case 'unknown':
      return unavailable(family, `${what}: the answer was lost, the request may have been carried out; check before retrying it`, false);
    default: {
      const never: never = fault;
      return never;
    }
  }
}

/**
 * The answer of a process already working on `limit` requests (docs/input-limits.md, "Connections
 * and work in progress"): the family's 503, sent at once instead of the request waiting unbounded;
 * nothing was done, so a retry is offered.
 */
export function busyBody(family: ErrorFamily, requestId: string, limit: number): ErrorBody {
  return unavailable(family, `service busy (request ${requestId}): ${limit} requests in progress, its limit; nothing was done; retry the request`, true);
}
