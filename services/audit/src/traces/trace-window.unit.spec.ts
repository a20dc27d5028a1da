import { DewError } from '@dew/contracts';
import { traceWindow } from './trace-window.js';

const NOW = 1_760_000_000_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;

const refusal = (fn: () => unknown): { code: string; message: string } => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DewError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('no refusal');
};

describe('traceWindow: CTS from/to', () => {
  it('13-digit millisecond from/to six days apart are accepted as they are', () => {
    expect(traceWindow({ from: String(NOW - 6 * DAY), to: String(NOW) }, NOW, WEEK)).toEqual({ from: NOW - 6 * DAY, to: NOW });
  });

  it('without from/to the window is the last hour', () => {
    expect(traceWindow({}, NOW, WEEK)).toEqual({ from: NOW - 3_600_000, to: NOW });
  });

  it('a from older than the retention is moved up to the retention', () => {
    expect(traceWindow({ from: String(NOW - 30 * DAY), to: String(NOW) }, NOW, WEEK)).toEqual({ from: NOW - WEEK, to: NOW });
  });

  it.each(['1760000000', '17600000000000', '-1760000000000', '1.76e12', 'abc'])('from "%s" (not 13 digits of ms) is CTS.0003 naming the field and the value', (from) => {
    expect(refusal(() => traceWindow({ from }, NOW, WEEK))).toEqual({ code: 'CTS.0003', message: `from must be a 13-digit UTC timestamp in milliseconds, got "${from}"` });
  });

  it('from after to is CTS.0003 naming both', () => {
    expect(refusal(() => traceWindow({ from: String(NOW), to: String(NOW - 1) }, NOW, WEEK))).toEqual({ code: 'CTS.0003', message: `from (${NOW}) must not be after to (${NOW - 1})` });
  });
});
