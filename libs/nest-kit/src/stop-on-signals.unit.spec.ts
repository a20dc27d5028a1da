import { jest } from '@jest/globals';
import { once, stopOnSignals } from './stop-on-signals.js';

/** Signals emitted in-process (no real signal): the listeners run, the process stays. */
const SIGNALS: NodeJS.Signals[] = ['SIGUSR2', 'SIGWINCH'];

let exit: jest.SpiedFunction<typeof process.exit>;
let stderr: jest.SpiedFunction<typeof process.stderr.write>;
beforeEach(() => {
  exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  jest.useRealTimers();
  exit.mockRestore();
  stderr.mockRestore();
  for (const signal of SIGNALS) process.removeAllListeners(signal);
});

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('stopOnSignals', () => {
  it('a signal runs the close once, then exits 0 (the other signal meanwhile starts nothing)', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    let finish!: () => void;
    const close = jest.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    stopOnSignals(close, SIGNALS);
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGWINCH', 'SIGWINCH');
    await settled();
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
    finish();
    await settled();
    expect(exit).toHaveBeenCalledWith(0);
    // The deadline is cleared once the close is done: no exit(1) later.
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a close that fails exits 1, saying why', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    stopOnSignals(() => Promise.reject(new Error('drain refused')), SIGNALS);
    process.emit('SIGUSR2', 'SIGUSR2');
    await settled();
    expect(exit).toHaveBeenCalledWith(1);
    expect(jest.getTimerCount()).toBe(0);
    expect(String(stderr.mock.calls[0]?.[0])).toContain('drain refused');
  });

  it('a close that never ends exits 1 at the deadline', async () => {
    jest.useFakeTimers();
    stopOnSignals(() => new Promise<void>(() => undefined), SIGNALS, 5_000);
    process.emit('SIGUSR2', 'SIGUSR2');
    jest.advanceTimersByTime(4_999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
  });
});

describe('once', () => {
  it('every caller gets the first close, which runs once', async () => {
    const close = jest.fn(() => Promise.resolve());
    const shared = once(close);
    const [a, b] = [shared(), shared()];
    expect(a).toBe(b);
    await a;
    expect(close).toHaveBeenCalledTimes(1);
  });
});
