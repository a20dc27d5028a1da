import { headers } from '@nats-io/transport-node';
import { decodeEvents, encodeEvents, headersToRecord } from './codec.js';

describe('event-store codec', () => {
  it('encodes events as {"events":[...]} and decodes them back in order', () => {
    const events = [{ type: 'A' }, { type: 'B', n: 2 }];
    const data = encodeEvents(events);
    expect(new TextDecoder().decode(data)).toBe('{"events":[{"type":"A"},{"type":"B","n":2}]}');
    expect(decodeEvents(data, 'm')).toEqual(events);
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
