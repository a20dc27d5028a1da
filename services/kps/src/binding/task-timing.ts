import { STREAM_ACK_TIMEOUT_MS } from '@dew/messaging';
import { COMMAND_TIMEOUT_MS, EDIT_COMMANDS_MAX } from '../remote/index.js';

/** How long a task's SSH login may take. */
export const SSH_TIMEOUT_MS = 15_000;
/** A task's outcome is appended up to RECORD_ATTEMPTS times, RECORD_BACKOFF_MS × attempt apart. */
export const RECORD_ATTEMPTS = 5;
export const RECORD_BACKOFF_MS = 1000;

/**
 * The longest a live runner works on one task: its login, every remote command of the longest
 * edit at its timeout, then every record attempt waiting for its ack and the backoffs between
 * them (15 + 5 × 30 + 5 × 5 + 10 s = 200 s).
 */
export const LIVE_TASK_MAX_MS =
  SSH_TIMEOUT_MS + EDIT_COMMANDS_MAX * COMMAND_TIMEOUT_MS + RECORD_ATTEMPTS * STREAM_ACK_TIMEOUT_MS + (RECORD_BACKOFF_MS * RECORD_ATTEMPTS * (RECORD_ATTEMPTS - 1)) / 2;

/**
 * A task RUNNING longer than this has no live runner: its process stopped for good (docs/kps.md,
 * "Bind tasks"). The bound above and half again, for a stalled event loop or a slow host, in
 * whole minutes: 5 minutes.
 */
export const TASK_DEADLINE_MS = Math.ceil((LIVE_TASK_MAX_MS * 1.5) / 60_000) * 60_000;

/** How often every replica looks for tasks past the deadline. */
export const DEADLINE_SWEEP_INTERVAL_MS = 30_000;
