import { assertNever } from '@dew/decider';
import { DAY_MS, type Keyring } from '../state/keyring.state.js';
import { updateLive } from '../state/queries.js';
import { planBase } from '../state/rotation-plan.js';
import type { RotationEvent } from './events.js';

export function evolveRotation(state: Keyring, event: RotationEvent): Keyring {
  switch (event.type) {
    case 'KeyRotationEnabled':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        rotation: {
          ...k.rotation,
          enabled: true,
          enabledAt: event.at,
          nextRotationAt: event.at + k.rotation.intervalDays * DAY_MS,
        },
      }));
    case 'KeyRotationDisabled':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        rotation: { ...k.rotation, enabled: false, enabledAt: null, nextRotationAt: null },
      }));
    case 'KeyRotationIntervalChanged':
      return updateLive(state, event.keyId, (k) => {
        const r = k.rotation;
        return {
          ...k,
          rotation: {
            ...r,
            intervalDays: event.intervalDays,
            nextRotationAt: r.enabled ? planBase(r, event.at) + event.intervalDays * DAY_MS : null,
          },
        };
      });
    case 'KeyRotated':
      return updateLive(state, event.keyId, (k) => ({
        ...k,
        versions: [...k.versions, { version: event.material.version, wrapped: event.material.wrapped, createdAt: event.at }],
        rotation: {
          ...k.rotation,
          lastRotatedAt: event.at,
          rotations: k.rotation.rotations + 1,
          nextRotationAt: k.rotation.enabled ? event.at + k.rotation.intervalDays * DAY_MS : null,
        },
      }));
    default:
      return assertNever(event);
  }
}
