import { assertNever } from '@dew/decider';
import { changeLiveSecret, type RotationSchedule, type RotationTask, type SecretSet } from '../state/secret-set.js';
import { SYSCURRENT } from '../state/stages.js';
import { withNewVersion } from '../versions/evolve.js';
import { rotationOf } from './decide.js';
import type { RotationEvent, SecretRotated } from './events.js';

/** Rotation runs kept per project for list-rotation-tasks (the oldest go first). */
export const ROTATION_TASKS_KEPT = 500;

function withRotation(state: SecretSet, secretId: string, r: RotationSchedule): SecretSet {
  const rotations = new Map(state.rotations);
  rotations.set(secretId, r);
  return { ...state, rotations };
}

function taskOf(e: SecretRotated): RotationTask {
  return { taskId: e.taskId, secretId: e.secretId, secretName: e.secretName, status: 'SUCCESS', operateType: e.operateType, at: e.at, attempts: 1, errorCode: '', errorMessage: '' };
}

export function evolveRotation(state: SecretSet, event: RotationEvent): SecretSet {
  switch (event.type) {
    case 'SecretRotationConfigured': {
      const { autoRotation, period, periodMs, nextRotationAt } = event;
      return withRotation(state, event.secretId, { ...rotationOf(state, event.secretId), autoRotation, period, periodMs, nextRotationAt });
    }
    case 'SecretRotated': {
      const changed = changeLiveSecret(state, event.secretId, (s) => withNewVersion(s, { ...event, stages: [SYSCURRENT], expireTime: null }));
      if (changed === state) return state;
      const r = rotationOf(state, event.secretId);
      const nextRotationAt = r.autoRotation && r.periodMs !== null ? event.at + r.periodMs : null;
      const rotationTasks = [...state.rotationTasks, taskOf(event)].slice(-ROTATION_TASKS_KEPT);
      return { ...withRotation(changed, event.secretId, { ...r, rotatedAt: event.at, nextRotationAt }), rotationTasks };
    }
    default:
      return assertNever(event);
  }
}
