import { InvalidField, quote } from '@dew/contracts';
import type { RotationTask, SecretSet } from '../state/secret-set.js';

/** list-rotation-tasks (docs/api-decisions.md, "Secret rotation"): newest first, filtered, paged after a task id. */

export const TASKS_LIMIT_DEFAULT = 50;
export const TASKS_LIMIT_MAX = 200;

export interface RotationTaskFilter {
  readonly secretName?: string;
  readonly status?: string;
  readonly taskId?: string;
  readonly limit?: number;
  /** The task id the previous page ended with. */
  readonly marker?: string;
}

export interface RotationTaskPage {
  readonly total: number;
  readonly tasks: readonly RotationTask[];
  readonly nextMarker: string | null;
}

function validateLimit(limit: number | undefined): number {
  if (limit === undefined) return TASKS_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > TASKS_LIMIT_MAX) throw InvalidField('limit', `be an integer 1..${TASKS_LIMIT_MAX}`, limit);
  return limit;
}

export function listRotationTasks(state: SecretSet, f: RotationTaskFilter): RotationTaskPage {
  const limit = validateLimit(f.limit);
  const matching = [...state.rotationTasks]
    .reverse()
    .filter((t) => (f.secretName === undefined || t.secretName === f.secretName) && (f.status === undefined || t.status === f.status) && (f.taskId === undefined || t.taskId === f.taskId));
  const start = f.marker === undefined ? 0 : matching.findIndex((t) => t.taskId === f.marker) + 1;
  if (start === 0 && f.marker !== undefined) throw InvalidField('marker', 'be the id of a listed task', quote(f.marker.slice(0, 64)));
  const tasks = matching.slice(start, start + limit);
  const last = tasks[tasks.length - 1];
  return { total: matching.length, tasks, nextMarker: start + limit < matching.length && last ? last.taskId : null };
}
