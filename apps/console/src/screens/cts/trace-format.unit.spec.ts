import { traceQuery } from '../../api/cts';
import { fieldText, toLocalInput, windowOf } from './trace-format';

describe('trace search', () => {
  it('a preset window ends a second after now (the API’s `to` is exclusive) and starts its length before', () => {
    expect(windowOf('1h', '', '', 10_000_000)).toEqual({ from: 10_000_000 - 3_600_000, to: 10_001_000 });
  });

  it('a custom window covers its last minute whole', () => {
    const from = toLocalInput(Date.UTC(2026, 0, 2, 3, 4));
    const w = windowOf('custom', from, from, 0);
    expect(w.to - w.from).toBe(60_000);
  });

  it('sends only the filters given, with the page marker', () => {
    const q = new URLSearchParams(traceQuery({ from: 1, to: 2, resource_id: ' abc ', user: '', trace_rating: 'warning' }, 'm1'));
    expect(Object.fromEntries(q)).toEqual({ trace_type: 'system', limit: '20', from: '1', to: '2', resource_id: 'abc', trace_rating: 'warning', next: 'm1' });
  });

  it('shows text fields as they came and others as JSON', () => {
    expect(fieldText('{"key_id":"k"}')).toBe('{"key_id":"k"}');
    expect(fieldText({ name: 'u' })).toBe('{"name":"u"}');
  });
});
