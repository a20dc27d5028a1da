import { STREAM_ACK_TIMEOUT_MS } from '@dew/messaging';
import { COMMAND_TIMEOUT_MS, EDIT_COMMANDS_MAX } from '../remote/index.js';

/** How long a task's SSH login may take. */
export const SSH_TIMEOUT_MS = 15_000;
/** A task's outcome is appended up to RECORD_ATTEMPTS times, RECORD_BACKOFF_MS × attempt apart. */
export const RECORD_ATTEMPTS = 5;
export const RECORD_BACKOFF_MS = 1000;

/**
 * The watchdog: a task's SSH connection is ended this long after its session began, whatever it
 * waits for (a login, a channel, a command, a peer gone silent), so no remote write is sent after
 * it. Its login and every remote command of the longest edit at their timeouts: 15 + 5 × 30 = 165 s.
 */
export const TASK_WATCHDOG_MS = SSH_TIMEOUT_MS + EDIT_COMMANDS_MAX * COMMAND_TIMEOUT_MS;

/**
 * How long recording an outcome takes at most when the bus answers: every attempt waiting for its
 * ack and the backoffs between them (5 × 5 + 10 s = 35 s). Not enforced, and need not be: an
 * outcome recorded after the deadline decides to nothing, as the task has ended by then.
 */
export const RECORD_WINDOW_MS = RECORD_ATTEMPTS * STREAM_ACK_TIMEOUT_MS + (RECORD_BACKOFF_MS * RECORD_ATTEMPTS * (RECORD_ATTEMPTS - 1)) / 2;

/**
 * A task RUNNING longer than this has no live runner: its process stopped for good (docs/kps.md,
 * "Bind tasks"). The watchdog and the record window (200 s) and half again, for a stalled event
 * loop or a slow host, in whole minutes: 5 minutes.
 *
 * The sweep fails such a task as past its deadline, so no remote write may reach the server after
 * it: the watchdog (enforced) ends every session DEADLINE_MARGIN_MS (135 s) before. That margin
 * covers the command in flight when the watchdog fires (its remote end may still finish after the
 * connection is cut; every script is a short file replace or an sshd reload), the moment between
 * the task recorded RUNNING and its session beginning, and clocks of replicas that differ.
 */
export const TASK_DEADLINE_MS = Math.ceil(((TASK_WATCHDOG_MS + RECORD_WINDOW_MS) * 1.5) / 60_000) * 60_000;

export const DEADLINE_MARGIN_MS = TASK_DEADLINE_MS - TASK_WATCHDOG_MS;

/** How often every replica looks for tasks past the deadline. */
export const DEADLINE_SWEEP_INTERVAL_MS = 30_000;
