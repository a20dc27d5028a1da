import { headers } from '@nats-io/transport-node';
import type { JsMsg } from '@nats-io/jetstream';
import { WRITTEN_FOR_HEADER } from '@dew/messaging';
import { decodeBody, decodeEvents, encodeEvents, headersToRecord, toStoredMessage } from './codec.js';
import { resetStreamAnomalies, streamAnomalies } from './stream-anomalies.js';

/** A stored message as the ordered consumer hands it over. */
function stored(subject: string, seq: number, data: Uint8Array, writtenFor?: string): JsMsg {
  const h = headers();
  h.set('Nats-Msg-Id', `c${seq}`);
  if (writtenFor !== undefined) h.set(WRITTEN_FOR_HEADER, writtenFor);
  return { subject, seq, data, headers: h, time: new Date(0) } as unknown as JsMsg;
}

describe('event-store codec', () => {
  it('encodes events as {"events":[...]} and decodes them back in order', () => {
    const events = [{ type: 'A' }, { type: 'B', n: 2 }];
    const data = encodeEvents(events);
    expect(new TextDecoder().decode(data)).toBe('{"events":[{"type":"A"},{"type":"B","n":2}]}');
    expect(decodeEvents(data, 'm')).toEqual(events);
  });

  it('with one set of headers per event (a group commit): {"events":[...],"eventHeaders":[...]} decoded back pair by pair', () => {
    const events = [{ type: 'A' }, { type: 'B' }];
    const eventHeaders = [{ 'Dew-Request-Id': 'r1' }, { 'Dew-Request-Id': 'r2' }];
    const data = encodeEvents(events, eventHeaders);
    expect(new TextDecoder().decode(data)).toBe('{"events":[{"type":"A"},{"type":"B"}],"eventHeaders":[{"Dew-Request-Id":"r1"},{"Dew-Request-Id":"r2"}]}');
    expect(decodeBody(data, 'm')).toEqual({ events, eventHeaders });
    expect(decodeBody(encodeEvents(events), 'm')).toEqual({ events });
  });

  it('with eventHeaders not one object of strings per event throws naming the message', () => {
    const body = (eventHeaders: unknown) => new TextEncoder().encode(JSON.stringify({ events: [{ type: 'A' }, { type: 'B' }], eventHeaders }));
    for (const bad of [[{}], [{}, {}, {}], {}, [{}, null], [{}, { n: 1 }], [{}, []]]) {
      expect(() => decodeBody(body(bad), 'message 4')).toThrow('message 4 is not an event-store message: "eventHeaders" must hold one object of strings per event');
    }
  });

  it('with a body that is not JSON throws naming the message', () => {
    expect(() => decodeEvents(new TextEncoder().encode('nope'), 'message 3 of stream S (s.a)')).toThrow(/^message 3 of stream S \(s\.a\) is not JSON/);
  });

  it('with a JSON body without an events array throws naming the message', () => {
    expect(() => decodeEvents(new TextEncoder().encode('{"event":{}}'), 'message 3')).toThrow('message 3 is not an event-store message');
  });

  it('headersToRecord keeps application headers and Nats-Msg-Id but drops Nats-Expected-* checks', () => {
    const h = headers();
    h.set('Dew-Request-Id', 'r1');
    h.set('Nats-Msg-Id', 'c1');
    h.set('Nats-Expected-Last-Subject-Sequence', '0');
    expect(headersToRecord(h)).toEqual({ 'Dew-Request-Id': 'r1', 'Nats-Msg-Id': 'c1' });
    expect(headersToRecord(undefined)).toEqual({});
  });

  describe('toStoredMessage', () => {
    beforeEach(() => resetStreamAnomalies());
    const body = encodeEvents([{ type: 'A' }]);

    it('written for the subject it is stored under: its events, the binding header not among the headers', () => {
      const msg = toStoredMessage('S', stored('evt.s.p1', 3, body, 'evt.s.p1'));
      expect(msg).toMatchObject({ subject: 'evt.s.p1', streamSequence: 3, events: [{ type: 'A' }], headers: { 'Nats-Msg-Id': 'c3' } });
      expect(msg.foreign).toBeUndefined();
      expect(msg.headers[WRITTEN_FOR_HEADER]).toBeUndefined();
      expect(streamAnomalies()).toEqual({});
    });

    it('stored before the binding existed (no header): taken on its body', () => {
      expect(toStoredMessage('S', stored('evt.s.p1', 4, body)).events).toEqual([{ type: 'A' }]);
    });

    it('written for another subject (a copy nats-server delivered here): no events, foreign saying so, recorded once however often read', () => {
      const copy = stored('evt.s.p1', 5, body, 'evt.other.p9');
      const msg = toStoredMessage('S', copy);
      toStoredMessage('S', copy);
      expect(msg.events).toEqual([]);
      expect(msg.foreign).toBe('it was written for evt.other.p9, a copy delivered to evt.s.p1');
      expect(streamAnomalies()['foreign-message']?.['S']).toEqual({ count: 1, last: { kind: 'foreign-message', stream: 'S', subject: 'evt.s.p1', streamSequence: 5, reason: msg.foreign } });
    });

    it('bytes that are no event-store body (a snapshot chunk): no events, foreign naming why without the bytes', () => {
      const chunk = new Uint8Array([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]);
      const msg = toStoredMessage('S', stored('evt.s.p1', 6, chunk));
      expect(msg.events).toEqual([]);
      expect(msg.foreign).toBe('its body is no JSON');
      const reply = toStoredMessage('S', stored('evt.s.p1', 7, new TextEncoder().encode('{"type":"io.nats.jetstream.api.v1.stream_info_response"}')));
      expect(reply.foreign).toBe('its body is no event-store message {"events":[...]}');
      expect(streamAnomalies()['foreign-message']?.['S']?.count).toBe(2);
    });
  });
});
