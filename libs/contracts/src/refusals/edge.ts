import { DewError, isErrorCode, type ErrorCode } from '../errors.js';
import { malformedIdMessage } from '../ids.js';

// Refusals raised outside any one service's domain: at the edge (routing, size, authentication,
// authorization) and on the bus. Their codes are KMS's common ones; the gateway renders them in
// the route's family (docs/api-decisions.md, "Error families").

/** An unknown fault: the details go to the log, the caller gets the request id. */
export const InternalFault = (requestId?: string): DewError =>
  new DewError('KMS.0101', requestId ? `internal error (request ${requestId})` : 'internal error');

export const NoSuchApi = (method: string, path: string): DewError => new DewError('KMS.0201', `no API at ${method} ${path}`, 404);
export const HttpRefusal = (message: string, status: number): DewError => new DewError('KMS.0201', message, status);
export const BodyTooLarge = (limitBytes: number): DewError => new DewError('KMS.0203', `request body exceeds ${limitBytes} bytes`, 413);
/** Refusals of the HTTP server itself, before any route (docs/input-limits.md, "Connections and work in progress"). */
export const HeadersTooLarge = (limitBytes: number): DewError => new DewError('KMS.0203', `request line and headers exceed ${limitBytes} bytes`, 431);
export const RequestNotReceivedInTime = (headersMs: number, requestMs: number): DewError =>
  new DewError('KMS.0201', `the request did not arrive in time (headers within ${headersMs} ms, the whole request within ${requestMs} ms); the connection is closed`, 408);
export const MalformedHttpRequest = (): DewError => new DewError('KMS.0201', 'malformed HTTP request; the connection is closed', 400);
/** A path whose percent escapes do not decode to UTF-8 (`%C0%AF`, a lone surrogate's bytes): it can name no resource. */
export const PathNotDecodable = (path: string): DewError => new DewError('KMS.0201', `the path ${JSON.stringify(path.slice(0, 128))} is not valid percent-encoded UTF-8`, 400);
/** Refusals of the gateway's in-flight limits: before anything was done, so a retry is offered. */
const busy = (what: string): DewError => new DewError('KMS.0101', `${what}; nothing was done; retry the request`, 503, 1);
/** The gateway already works on its limit of requests. */
export const GatewayBusy = (limit: number): DewError => busy(`gateway busy: ${limit} requests in progress, its limit`);
/** A verified caller already has its share of them in progress (more, when it borrowed from an idle gateway). */
export const CallerBusy = (held: number, limit: number): DewError =>
  busy(held > limit ? `caller already has ${held} requests in progress (its share ${limit}, the rest borrowed while the gateway was idle)` : `caller already has ${held} requests in progress (limit ${limit})`);
/** Requests not yet authenticated: from one address, or from all, at their limit. */
export const UnverifiedBusy = (limit: number, fromOneAddress: boolean): DewError =>
  busy(fromOneAddress ? `this address already has ${limit} requests awaiting authentication (limit ${limit})` : `gateway busy: ${limit} requests awaiting authentication, its limit`);

/** No process answers the subject: the request reached no service, so a retry is safe (Retry-After). */
export const ServiceUnavailable = (subject: string): DewError => new NoServiceAnswers(subject);
/** Told apart from a service that answered "busy" or failed: nothing subscribes to the subject at all. */
export class NoServiceAnswers extends DewError {
  constructor(readonly subject: string) {
    super('KMS.0101', `service behind ${subject} is not available; nothing was done`, 503, 1);
  }
}
/** The answer did not come (a timeout, the connection lost): the request may have been carried out, so no retry is offered. */
export const ServiceTimedOut = (subject: string): DewError => new DewError('KMS.0101', `service behind ${subject} did not answer in time; the request may have been carried out`, 503);
export const ServiceConnectionLost = (subject: string): DewError => new DewError('KMS.0101', `the connection to the service behind ${subject} was lost before its answer; the request may have been carried out`, 503);
/** No replica of the service holds the request any more and no answer came (docs/architecture.md, "A replica killed mid-request"). */
export const ServiceReplicaLost = (subject: string): DewError =>
  new DewError('KMS.0101', `no replica of the service behind ${subject} is working on the request any more, and no answer came (the one that took it stopped); the request may have been carried out`, 503);
/** A body within the edge's limit whose message, headers included, is over the bus's. */
export const TooLargeToForward = (maxPayload: number | undefined): DewError =>
  new DewError('KMS.0203', `the request is too large to forward (over ${maxPayload ?? "the bus's"} bytes with its headers)`, 413);
export const ForgedReply = (subject: string): DewError => new DewError('KMS.0101', `the answer to ${subject} did not come from the service; refused`);
/** 503 where the audit stream did not answer for a moment (no retry offered: the operation itself may have taken effect). */
export const AuditNotStored = (requestId: string, cause: string, status: 500 | 503 = 500): DewError =>
  new DewError('KMS.0101', `the audit record of request ${requestId} could not be stored (${cause}); nothing was returned`, status);

/** A failed authentication, with the code its reason maps to (KMS.0301–0303). */
export const AuthenticationFailed = (code: ErrorCode, message: string): DewError => new DewError(code, message);
export const TooManyFailedAuthentications = (sourceIp: string, retryInSeconds: number): DewError =>
  new DewError('KMS.0304', `too many failed authentications from ${sourceIp}; retry in ${retryInSeconds} s`);
export const ProjectNotCallers = (projectId: string): DewError =>
  new DewError('KMS.0305', `project ${projectId} in the path is not a project of the caller's account`);
/** IAM did not allow the route's action (KMS.0306 no policy allows it, KMS.0307 a policy denies it). */
export const ActionNotAllowed = (code: ErrorCode, userName: string, action: string, why: string): DewError =>
  new DewError(code, `user ${userName} may not perform ${action}: ${why}`, 403);

export const KeyIdDiffersFromPath = (named: string, inPath: string): DewError =>
  new DewError('KMS.0308', `key_id ${JSON.stringify(named.slice(0, 64))} in the request differs from key_id ${JSON.stringify(inPath.slice(0, 64))} in the path`);
/** A key_id that can name no key (not a key id, nor an alias where one is taken): IAM is not asked about it. */
export const MalformedKeyId = (field: string, value: string): DewError => new DewError('KMS.0205', malformedIdMessage(field, 'uuid', value));
export const NotDewCiphertext = (): DewError => new DewError('KMS.0308', 'cipher_text is not a DEW ciphertext, and no key_id names the key to decrypt with');

export const TestClockDisabled = (): DewError => new DewError('KMS.0215', 'the clock can be moved only when DEW_TEST_CLOCK=1');
export const BadClockAdvance = (ms: number): DewError => new DewError('KMS.0308', `clock advance must be a non-negative number of ms, got ${ms}`);

/** A replay request (`sys.models.<service>`) the service cannot read. */
export const BadReplayRequest = (message: string, code: 'KMS.0202' | 'KMS.0204' = 'KMS.0204'): DewError => new DewError(code, message);

/** A request body that is JSON but not an object, in the family's shape code. */
export const BodyNotAnObject = (code: ErrorCode): DewError => new DewError(code, 'request body must be a JSON object');

/** A body of the wrong JSON shape for its route (an array where an object belongs, or the reverse). */
export const BodyOfWrongShape = (code: ErrorCode, message: string): DewError => new DewError(code, message);

/** A GET carries its parameters in its path and query: the body the SDK signs there is `{}`. */
export const BodyOnGet = (code: ErrorCode, fields: readonly string[]): DewError =>
  new DewError(code, `a GET request takes its parameters in the query; its body must be {} or empty, got fields ${fields.slice(0, 5).map((name) => JSON.stringify(name.slice(0, 64))).join(', ')}`);

/** A refusal a service sent back over the bus, as it sent it (an unknown code becomes the internal one). */
export const RefusalFromService = (code: string, message: string, status: number, retryAfterS?: unknown): DewError => {
  // A retry is offered only on a 503, for a small whole number of seconds.
  const retry = status === 503 && Number.isInteger(retryAfterS) && (retryAfterS as number) >= 1 && (retryAfterS as number) <= 60 ? (retryAfterS as number) : undefined;
  return isErrorCode(code) ? new DewError(code, message, status, retry) : new DewError('KMS.0101', message, status, retry);
};
