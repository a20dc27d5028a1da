import type { JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { StoredMessage } from './event-store.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Body of every event-store message: all events of one command, in order. */
export function encodeEvents(events: readonly unknown[]): Uint8Array {
  return encoder.encode(JSON.stringify({ events }));
}

export function decodeEvents<E>(data: Uint8Array, where: string): E[] {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch (err) {
    throw new Error(`${where} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { events?: unknown }).events)) {
    throw new Error(`${where} is not an event-store message: expected a body {"events":[...]}`);
  }
  return (body as { events: E[] }).events;
}

/**
 * Headers as stored. nats-server keeps the publish-time Nats-Expected-* checks in the message;
 * they say nothing once stored, so they are left out (Nats-Msg-Id, the command id, stays).
 */
export function headersToRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === undefined) return out;
  for (const key of h.keys()) {
    if (!key.toLowerCase().startsWith('nats-expected-')) out[key] = h.get(key);
  }
  return out;
}

export function toStoredMessage<E>(stream: string, m: JsMsg): StoredMessage<E> {
  return {
    stream,
    subject: m.subject,
    streamSequence: m.seq,
    time: m.time,
    events: decodeEvents<E>(m.data, `message ${m.seq} of stream ${stream} (${m.subject})`),
    headers: headersToRecord(m.headers),
  };
}
