import { headers } from '@nats-io/transport-node';
import { decodeBody, decodeEvents, encodeEvents, headersToRecord } from './codec.js';

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
});
