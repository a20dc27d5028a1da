import { assertNever } from '@dew/decider';
import { changeLiveSecret, type RotationSchedule, type RotationTask, type SecretSet } from '../state/secret-set.js';
import { SYSCURRENT } from '../state/stages.js';
import { withNewVersion } from '../versions/evolve.js';
import { rotationOf } from './decide.js';
import type { RotationEvent, SecretRotated, SecretRotationFailed } from './events.js';

/** Rotation runs kept per project for list-rotation-tasks (the oldest go first). */
export const ROTATION_TASKS_KEPT = 500;

function withRotation(state: SecretSet, secretId: string, r: RotationSchedule): SecretSet {
  return { ...state, rotations: state.rotations.set(secretId, r) };
}

function taskOf(e: SecretRotated | SecretRotationFailed): RotationTask {
  const failed = e.type === 'SecretRotationFailed';
  return {
    taskId: e.taskId,
    secretId: e.secretId,
    secretName: e.secretName,
    status: failed ? 'FAILED' : 'SUCCESS',
    operateType: e.operateType,
    at: e.at,
    attempts: 1,
    errorCode: failed ? e.errorCode : '',
    errorMessage: failed ? e.errorMessage : '',
  };
}

/** After a run (done or failed) the next one is a period on; the task joins the list. */
function afterRun(state: SecretSet, e: SecretRotated | SecretRotationFailed, rotatedAt: number | null): SecretSet {
  const r = rotationOf(state, e.secretId);
  const nextRotationAt = r.autoRotation && r.periodMs !== null ? e.at + r.periodMs : null;
  const rotationTasks = [...state.rotationTasks, taskOf(e)].slice(-ROTATION_TASKS_KEPT);
  return { ...withRotation(state, e.secretId, { ...r, rotatedAt: rotatedAt ?? r.rotatedAt, nextRotationAt }), rotationTasks };
}

export function evolveRotation(state: SecretSet, event: RotationEvent): SecretSet {
  switch (event.type) {
    case 'SecretRotationConfigured': {
      const { autoRotation, period, periodMs, nextRotationAt } = event;
      // Upcast: an event written before the principal was recorded configures a plan with none.
      const configuredBy = autoRotation ? event.configuredBy ?? null : null;
      return withRotation(state, event.secretId, { ...rotationOf(state, event.secretId), autoRotation, period, periodMs, nextRotationAt, configuredBy });
    }
    case 'SecretRotated': {
      const changed = changeLiveSecret(state, event.secretId, (s) => withNewVersion(s, { ...event, stages: [SYSCURRENT], expireTime: null }));
      return changed === state ? state : afterRun(changed, event, event.at);
    }
    case 'SecretRotationFailed':
      return state.secrets.get(event.secretId)?.status === 'Enabled' ? afterRun(state, event, null) : state;
    default:
      return assertNever(event);
  }
}
