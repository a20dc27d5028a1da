import { COMMAND_TIMEOUT_MS } from '../remote/index.js';
import { DEADLINE_MARGIN_MS, RECORD_WINDOW_MS, TASK_DEADLINE_MS, TASK_WATCHDOG_MS } from './task-timing.js';

describe('bind task timing', () => {
  it('the watchdog ends every session before the deadline, by more than a command in flight and the record window', () => {
    expect(DEADLINE_MARGIN_MS).toBe(TASK_DEADLINE_MS - TASK_WATCHDOG_MS);
    expect(DEADLINE_MARGIN_MS).toBeGreaterThan(COMMAND_TIMEOUT_MS + RECORD_WINDOW_MS);
  });

  it('the deadline is whole minutes', () => {
    expect(TASK_DEADLINE_MS % 60_000).toBe(0);
  });
});
