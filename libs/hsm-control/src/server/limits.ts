import { status } from '@grpc/grpc-js';
import { ControlRefusal, type Request } from './calls.js';

/** A state value or a mirror record: well within NATS' default 1 MB message (a CA certificate, a key wrapped). */
export const MAX_VALUE_BYTES = 512 * 1024;
const MAX_KEY_CHARS = 64;
const STATE_KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** A state key relative to the caller's instance: plain tokens only, so no wildcard reaches NATS. */
export function stateKey(req: Request): string {
  const key = req['key'];
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_CHARS || !STATE_KEY.test(key)) {
    throw new ControlRefusal(status.INVALID_ARGUMENT, `key must be 1 to ${MAX_KEY_CHARS} characters of dot-separated tokens of [A-Za-z0-9_-], got ${JSON.stringify(String(key).slice(0, MAX_KEY_CHARS + 1))}`);
  }
  return key;
}

export function boundedValue(field: string, length: number): void {
  if (length > MAX_VALUE_BYTES) throw new ControlRefusal(status.INVALID_ARGUMENT, `${field} is ${length} bytes, over the limit of ${MAX_VALUE_BYTES}`);
}

export function positiveSequence(req: Request, field: string): number {
  const v = req[field];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw new ControlRefusal(status.INVALID_ARGUMENT, `${field} must be a sequence from 1 on, got ${String(v)}`);
  return v;
}
