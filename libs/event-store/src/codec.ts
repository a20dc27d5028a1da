import type { JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { StoredMessage } from './event-store.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Body of every event-store message: the events of one command, in order, or of several commands
 * appended together (AggregateStore's group commit), each event then with its command's headers
 * in `eventHeaders` (same length as `events`).
 */
export function encodeEvents(events: readonly unknown[], eventHeaders?: readonly Readonly<Record<string, string>>[]): Uint8Array {
  return encoder.encode(JSON.stringify(eventHeaders === undefined ? { events } : { events, eventHeaders }));
}

export interface DecodedBody<E> {
  readonly events: E[];
  readonly eventHeaders?: Record<string, string>[];
}

export function decodeBody<E>(data: Uint8Array, where: string): DecodedBody<E> {
  let body: unknown;
  try {
    body = JSON.parse(decoder.decode(data));
  } catch (err) {
    throw new Error(`${where} is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { events?: unknown }).events)) {
    throw new Error(`${where} is not an event-store message: expected a body {"events":[...]}`);
  }
  const { events, eventHeaders } = body as { events: E[]; eventHeaders?: unknown };
  if (eventHeaders === undefined) return { events };
  if (!Array.isArray(eventHeaders) || eventHeaders.length !== events.length || !eventHeaders.every(isStringRecord)) {
    throw new Error(`${where} is not an event-store message: "eventHeaders" must hold one object of strings per event`);
  }
  return { events, eventHeaders };
}

export function decodeEvents<E>(data: Uint8Array, where: string): E[] {
  return decodeBody<E>(data, where).events;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
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
  const { events, eventHeaders } = decodeBody<E>(m.data, `message ${m.seq} of stream ${stream} (${m.subject})`);
  return {
    stream,
    subject: m.subject,
    streamSequence: m.seq,
    time: m.time,
    events,
    headers: headersToRecord(m.headers),
    ...(eventHeaders ? { eventHeaders } : {}),
  };
}
