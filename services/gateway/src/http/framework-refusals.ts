import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';
import { HeadersTooLarge, HttpRefusal, MalformedHttpRequest, PathNotDecodable, RequestNotReceivedInTime, type DewError } from '@dew/contracts';
import type { RouteSpec } from '../routes/route.js';
import { renderError } from './error-renderer.js';
import { pathStyleResolver } from './path-style.js';
import type { HttpLimits } from './server-limits.js';
import { LINGER_MS } from './unread-body.js';

/**
 * The longest path parameter the router reads (Fastify's maxParamLength, 100 by default): a tag
 * key of 128 characters, percent-encoded at up to 12 characters each (4 UTF-8 bytes), must fit.
 */
export const MAX_PARAM_LENGTH = 2048;

/**
 * Refusals the framework raises before any route runs, rendered like every other refusal: in the
 * shape and family of the service the path belongs to (docs/api-decisions.md, "Error families").
 * Fastify's defaults answered its own `{statusCode,error,message}` body.
 */
export function frameworkRefusals(routes: readonly RouteSpec[], limits: HttpLimits): Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> {
  const styleOf = pathStyleResolver(routes);

  /**
   * Fastify's `frameworkErrors`: a path that does not decode. (A parameter over maxParamLength
   * matches no route, so the catch-all answers it: "no API", 404.)
   */
  const frameworkErrors = (err: { code?: string; message: string }, req: { url: string }, reply: RawReply): void => {
    const path = req.url;
    const refusal = err.code === 'FST_ERR_BAD_URL' ? PathNotDecodable(path.split('?')[0] ?? '') : HttpRefusal(err.message, 400);
    const { status, body } = renderError(styleOf(path), refusal);
    void reply.status(status).type('application/json').send(body);
  };

  /**
   * Node's `clientError`: bytes the HTTP parser refused (headers over the limit, not HTTP) or a
   * request not received in time (docs/input-limits.md, "Connections and work in progress"). The
   * request was never parsed; its family is read from the request line, when it arrived whole.
   * The connection is closed after the answer, as Node's own handler does.
   */
  const clientErrorHandler = (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const refusal = refusalOf(err, limits);
    const { method, path } = requestLine(err.rawPacket);
    const { status, body } = renderError(styleOf(path), refusal);
    const text = JSON.stringify(body);
    if (socket.writable) {
      // The answer to a HEAD has no body, only its length.
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${method === 'HEAD' ? '' : text}`);
    }
    // A lingering close (nginx's lingering_close): the client may still be sending the rest of the
    // request the parser gave up on. Closing at once with its bytes unread makes the kernel reset
    // the connection, and the client sees ECONNRESET instead of the answer; its bytes are read and
    // dropped for at most LINGER_MS instead.
    socket.resume();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };

  // Fastify's option types are generic over the server kind; these handlers use only what every kind has.
  return { frameworkErrors, clientErrorHandler } as unknown as Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'>;
}

function refusalOf(err: NodeJS.ErrnoException, limits: HttpLimits): DewError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return HeadersTooLarge(limits.maxHeaderBytes);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return RequestNotReceivedInTime(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return MalformedHttpRequest();
}

interface RawReply {
  status(code: number): { type(contentType: string): { send(body: unknown): unknown } };
}

/**
 * Method and path of `METHOD /path HTTP/1.1` at the start of the bytes, or '' (the default
 * family's). A path cut off by the end of the bytes keeps its whole segments only: a family is
 * read from what surely is the path (docs/input-limits.md, "Paths, request lines and key ids").
 */
function requestLine(raw: Buffer | undefined): { method: string; path: string } {
  // The bytes the parser held when it gave up (one socket read), the request line first.
  const match = /^([A-Z]+) (\/[^\s?]*)([\s?])?/.exec(raw?.toString('latin1') ?? '');
  if (!match) return { method: '', path: '' };
  const [, method = '', path = '', after] = match;
  return { method, path: after === undefined ? path.slice(0, path.lastIndexOf('/') + 1) : path };
}
