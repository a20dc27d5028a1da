import type { JsMsg } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import type { StoredMessage } from './event-store.js';
import { WRITTEN_FOR_HEADER } from '@dew/messaging';
import { recordStreamAnomaly } from './stream-anomalies.js';

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
 * they say nothing once stored, so they are left out (Nats-Msg-Id, the command id, stays), as is
 * the subject binding, checked when the message is read (foreignReason).
 */
export function headersToRecord(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === undefined) return out;
  for (const key of h.keys()) {
    if (!key.toLowerCase().startsWith('nats-expected-') && key !== WRITTEN_FOR_HEADER) out[key] = h.get(key);
  }
  return out;
}

/**
 * Why a stored message is no event-store message of its subject, or undefined when it is one.
 * Messages from before the header existed carry none and are taken on their body alone.
 */
export function foreignReason(subject: string, h: MsgHdrs | undefined): string | undefined {
  const writtenFor = h?.get(WRITTEN_FOR_HEADER);
  if (writtenFor === undefined || writtenFor === '' || writtenFor === subject) return undefined;
  return `it was written for ${writtenFor.slice(0, 256)}, a copy delivered to ${subject}`;
}

/**
 * The message as its readers take it. One that is no event of its subject (see foreignReason, or a
 * body that is no event-store message) is kept in place with no events and `foreign` saying why,
 * and recorded (stream-anomalies.ts): readers skip it and go on rather than stop at it.
 */
export function toStoredMessage<E>(stream: string, m: JsMsg): StoredMessage<E> {
  const where = `message ${m.seq} of stream ${stream} (${m.subject})`;
  const stored = { stream, subject: m.subject, streamSequence: m.seq, time: m.time, headers: headersToRecord(m.headers) };
  let foreign = foreignReason(m.subject, m.headers);
  if (foreign === undefined) {
    try {
      const { events, eventHeaders } = decodeBody<E>(m.data, where);
      return { ...stored, events, ...(eventHeaders ? { eventHeaders } : {}) };
    } catch (err) {
      // Never the parser's message: V8 quotes the bytes it met.
      foreign = (err as Error).message.startsWith(`${where} is not JSON`) ? 'its body is no JSON' : 'its body is no event-store message {"events":[...]}';
    }
  }
  recordStreamAnomaly({ kind: 'foreign-message', stream, subject: m.subject, streamSequence: m.seq, reason: foreign });
  return { ...stored, events: [], foreign };
}
