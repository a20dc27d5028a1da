import type { ServerOptions } from 'node:http';
import { wholeNumberFromEnv } from '@dew/nest-kit';

type Env = Readonly<Record<string, string | undefined>>;

/** The HTTP server's bounds on connections and work (docs/input-limits.md, "Connections and work in progress"). */
export interface HttpLimits {
  /** Request line plus headers, bytes (Node's `maxHeaderSize`): beyond it 431. */
  readonly maxHeaderBytes: number;
  /** Requests one connection may carry; the last answer closes it (http/requests-per-connection.ts). */
  readonly maxRequestsPerSocket: number;
  /** How long an idle keep-alive connection stays open between requests. */
  readonly keepAliveTimeoutMs: number;
  /** Time from a connection's request start to its last header byte (slowloris): beyond it 408 and closed. */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, body included: beyond it 408 and closed. */
  readonly requestTimeoutMs: number;
  /** A connection with no bytes either way for this long is closed (socket inactivity). */
  readonly connectionTimeoutMs: number;
  /** Requests of the route table this process works on at once: beyond it 503 with Retry-After. */
  readonly maxInFlight: number;
  /** Of those, what one verified caller (access key, or a token's user) may have in progress (http/caller-shares.ts). */
  readonly maxInFlightPerCaller: number;
  /** Of those, what may be in progress before IAM verified the caller. */
  readonly maxInFlightUnverified: number;
}

/**
 * The defaults. The inactivity bound must outlast the longest wait for a service's answer (the
 * bus timeout, 30 s), or a slow answer's connection would be cut before it is written; keep-alive
 * stays below the cluster mode TCP front's idle bound (120 s), so the gateway closes first.
 */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxHeaderBytes: 16_384,
  maxRequestsPerSocket: 1000,
  keepAliveTimeoutMs: 72_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  connectionTimeoutMs: 90_000,
  maxInFlight: 256,
  maxInFlightPerCaller: 32,
  maxInFlightUnverified: 64,
};

const HOUR_MS = 3_600_000;

/** DEW_HTTP_… overrides of the defaults; a value out of range stops the gateway's start, naming it. */
export function httpLimitsFromEnv(env: Env): HttpLimits {
  const d = DEFAULT_HTTP_LIMITS;
  const limits: HttpLimits = {
    maxHeaderBytes: wholeNumberFromEnv(env, 'DEW_HTTP_MAX_HEADER_BYTES', d.maxHeaderBytes, 1024, 1_048_576),
    maxRequestsPerSocket: wholeNumberFromEnv(env, 'DEW_HTTP_MAX_REQUESTS_PER_SOCKET', d.maxRequestsPerSocket, 1, 1_000_000),
    keepAliveTimeoutMs: wholeNumberFromEnv(env, 'DEW_HTTP_KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, 1, HOUR_MS),
    headersTimeoutMs: wholeNumberFromEnv(env, 'DEW_HTTP_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, 100, HOUR_MS),
    requestTimeoutMs: wholeNumberFromEnv(env, 'DEW_HTTP_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 100, HOUR_MS),
    connectionTimeoutMs: wholeNumberFromEnv(env, 'DEW_HTTP_CONNECTION_TIMEOUT_MS', d.connectionTimeoutMs, 1000, HOUR_MS),
    ...inFlightFromEnv(env),
  };
  // Node refuses a headers timeout above the request timeout; say so in the variables' names.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`DEW_HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed DEW_HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`);
  }
  return limits;
}

/**
 * The in-flight limit and its shares; unset shares follow the limit (an eighth per caller, a
 * quarter unverified), so raising DEW_HTTP_MAX_IN_FLIGHT alone keeps the proportions.
 */
function inFlightFromEnv(env: Env): Pick<HttpLimits, 'maxInFlight' | 'maxInFlightPerCaller' | 'maxInFlightUnverified'> {
  const max = wholeNumberFromEnv(env, 'DEW_HTTP_MAX_IN_FLIGHT', DEFAULT_HTTP_LIMITS.maxInFlight, 1, 1_000_000);
  return {
    maxInFlight: max,
    maxInFlightPerCaller: wholeNumberFromEnv(env, 'DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER', Math.max(1, Math.floor(max / 8)), 1, max),
    maxInFlightUnverified: wholeNumberFromEnv(env, 'DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED', Math.max(1, Math.floor(max / 4)), 1, max),
  };
}

/**
 * Options of Node's server itself (Fastify passes them to `http.createServer`, or with the TLS
 * options to `https.createServer`). Node checks the headers and request timeouts only every
 * `connectionsCheckingInterval` (30 s by default): a quarter of the headers timeout here, so a
 * slow connection is closed within 1.25 × the timeout, not up to 30 s after it.
 */
export function nodeServerOptions(limits: HttpLimits): ServerOptions {
  return {
    maxHeaderSize: limits.maxHeaderBytes,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.floor(limits.headersTimeoutMs / 4)),
  };
}

/**
 * Fastify's own options for the same bounds (it sets them on the server it creates, overriding
 * Node's). The requests per connection are counted by http/requests-per-connection.ts instead.
 */
export function fastifyServerOptions(limits: HttpLimits) {
  return {
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
  };
}
