import type { RemoteFailure } from '../remote/index.js';
import { TASK_DEADLINE_MS } from './task-timing.js';

/** A failed task's `task_error_code` by what went wrong (docs/api-decisions.md, "KPS"). */
export const TASK_ERROR_CODE: Readonly<Record<RemoteFailure, string>> = {
  AUTH_FAILED: 'KPS.2001',
  UNREACHABLE: 'KPS.2002',
  HOST_KEY_CHANGED: 'KPS.2003',
  FILE_CHANGED: 'KPS.2004',
  REMOTE_COMMAND_FAILED: 'KPS.2005',
};

export const INTERRUPTED = { code: 'KPS.2006', message: 'the task was interrupted by a restart of KPS before it finished: run it again' } as const;

export const PAST_DEADLINE = {
  code: INTERRUPTED.code,
  message: `the task ran past its ${TASK_DEADLINE_MS / 60_000}-minute deadline and its outcome is unknown: the server may or may not have been changed; run it again`,
} as const;

export const OLD_KEY_UNUSABLE = { code: 'KPS.2007', message: "the bound pair's hosted private key, which a reset of a shut-down server logs in with, cannot be opened" } as const;
