import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HeadersTooLarge, MalformedHttpRequest, RequestNotReceivedInTime, type DewError } from '@dew/contracts';
import type { ErrorStyle } from '../routes/route.js';
import { renderError } from './error-renderer.js';
import type { HttpLimits } from './server-limits.js';

interface ClientError extends Error {
  readonly code?: string;
  /** What Node's parser had read when it failed (parser errors only; a Buffer, whatever Fastify's types say). */
  readonly rawPacket?: unknown;
}

/**
 * Node's refusals of a request no route ever saw (headers too large, the request not received in
 * time, bytes that are no HTTP), answered as every other refusal: in the family of the path when
 * the request line was read, else KMS's (docs/input-limits.md, "Connections and work in progress").
 * The connection is closed after the answer, as Node's own handler does.
 */
export function clientErrorHandler(limits: HttpLimits, styleOfPath: (path: string) => ErrorStyle): (err: ClientError, socket: Socket) => void {
  return (err, socket) => {
    // A reset connection has no one to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const { status, body } = renderError(styleOfPath(pathOfRequestLine(err.rawPacket)), refusalOf(err, limits));
    if (socket.writable) {
      const text = JSON.stringify(body);
      socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`);
    }
    socket.destroy();
  };
}

function refusalOf(err: ClientError, limits: HttpLimits): DewError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return HeadersTooLarge(limits.maxHeaderBytes);
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return RequestNotReceivedInTime(limits.headersTimeoutMs, limits.requestTimeoutMs);
  return MalformedHttpRequest();
}

/** The path of `METHOD /path HTTP/1.1` at the start of what was read, or '' (then the style is KMS's). */
function pathOfRequestLine(raw: unknown): string {
  if (!Buffer.isBuffer(raw)) return '';
  const line = raw.toString('latin1', 0, Math.min(raw.length, 4096)).split('\r\n', 1)[0] ?? '';
  const path = line.split(' ')[1] ?? '';
  return path.startsWith('/') ? path : '';
}
