import type { Instant } from '@dew/decider';
import { FieldOutOfRange, InvalidKmsParameter, KeyPendingDeletion, KeyStoreUnsupported, KmsInternalFault, WrappedMaterialEmpty } from '@dew/contracts';
import { isSymmetric } from '../key-specs.js';
import { assertNever } from '@dew/decider';
import { liveKey, refuseDefault, requireEnabled } from '../state/guards.js';
import {
  ROTATION_INTERVAL_MAX,
  ROTATION_INTERVAL_MIN,
  type Keyring,
  type LiveCmk,
  type RotationTrigger,
} from '../state/keyring.state.js';
import type { KeyRotated, KeyRotationDisabled, KeyRotationEnabled, KeyRotationIntervalChanged, RotationEvent } from './events.js';

/** Automatic and on-demand rotation of symmetric KMS-origin keys. */

export interface EnableKeyRotation {
  readonly type: 'EnableKeyRotation';
  readonly keyId: string;
  readonly now: Instant;
}
export interface DisableKeyRotation {
  readonly type: 'DisableKeyRotation';
  readonly keyId: string;
  readonly now: Instant;
}
export interface UpdateKeyRotationInterval {
  readonly type: 'UpdateKeyRotationInterval';
  readonly keyId: string;
  readonly intervalDays: number;
  readonly now: Instant;
}
/**
 * New material now. The service wraps fresh material as version latest+1. `scheduled` is the
 * scheduler's: it yields no event (instead of a refusal) when the key is no longer due, not
 * Enabled, or has rotation switched off, so a retried or stale run is harmless.
 */
export interface RotateKey {
  readonly type: 'RotateKey';
  readonly keyId: string;
  readonly now: Instant;
  readonly material: { readonly version: number; readonly wrapped: string };
  readonly trigger: RotationTrigger;
}

export type RotationCommand = EnableKeyRotation | DisableKeyRotation | UpdateKeyRotationInterval | RotateKey;

export function decideRotation(state: Keyring, command: RotationCommand): readonly RotationEvent[] {
  switch (command.type) {
    case 'EnableKeyRotation':
      return enableKeyRotation(state, command);
    case 'DisableKeyRotation':
      return disableKeyRotation(state, command);
    case 'UpdateKeyRotationInterval':
      return updateKeyRotationInterval(state, command);
    case 'RotateKey':
      return rotateKey(state, command);
    default:
      return assertNever(command);
  }
}

export function validateRotationInterval(days: number): number {
  if (!Number.isInteger(days) || days < ROTATION_INTERVAL_MIN || days > ROTATION_INTERVAL_MAX) {
    throw FieldOutOfRange('rotation_interval', ROTATION_INTERVAL_MIN, ROTATION_INTERVAL_MAX, days);
  }
  return days;
}

/** Only symmetric KMS-origin, non-default keys rotate. */
function refuseUnrotatable(k: LiveCmk, operation: string): void {
  refuseDefault(k, operation);
  if (!isSymmetric(k.keySpec)) {
    throw InvalidKmsParameter(`${operation}: only symmetric keys rotate; key ${k.keyId} is ${k.keySpec}`);
  }
  if (k.origin === 'external') {
    throw InvalidKmsParameter(`${operation}: key ${k.keyId} has imported material; imported keys are never rotated`);
  }
  if (k.keystoreId !== undefined) {
    throw KeyStoreUnsupported(k.keystoreId, `rotate its key ${k.keyId}: keys in a key store are never rotated (${operation})`);
  }
}

/** Version number the next rotation must carry. */
export function nextKeyVersion(k: LiveCmk): number {
  const last = k.versions[k.versions.length - 1];
  return (last?.version ?? 0) + 1;
}

export function enableKeyRotation(state: Keyring, cmd: EnableKeyRotation): KeyRotationEnabled[] {
  const k = liveKey(state, cmd.keyId);
  refuseUnrotatable(k, 'enabling key rotation');
  requireEnabled(k, 'enabling key rotation');
  if (k.rotation.enabled) return [];
  return [{ type: 'KeyRotationEnabled', keyId: k.keyId, at: cmd.now }];
}

/** Allowed on Enabled and Disabled keys (switching off never hurts); refused pending deletion. */
export function disableKeyRotation(state: Keyring, cmd: DisableKeyRotation): KeyRotationDisabled[] {
  const k = liveKey(state, cmd.keyId);
  refuseUnrotatable(k, 'disabling key rotation');
  if (k.status === 'PendingDeletion') {
    throw KeyPendingDeletion(k.keyId, 'disabling key rotation');
  }
  if (!k.rotation.enabled) return [];
  return [{ type: 'KeyRotationDisabled', keyId: k.keyId, at: cmd.now }];
}

export function updateKeyRotationInterval(state: Keyring, cmd: UpdateKeyRotationInterval): KeyRotationIntervalChanged[] {
  const intervalDays = validateRotationInterval(cmd.intervalDays);
  const k = liveKey(state, cmd.keyId);
  refuseUnrotatable(k, 'changing the rotation interval');
  requireEnabled(k, 'changing the rotation interval');
  if (k.rotation.intervalDays === intervalDays) return [];
  return [{ type: 'KeyRotationIntervalChanged', keyId: k.keyId, intervalDays, at: cmd.now }];
}

export function rotateKey(state: Keyring, cmd: RotateKey): KeyRotated[] {
  const k = liveKey(state, cmd.keyId);
  if (cmd.trigger === 'scheduled') {
    const r = k.rotation;
    if (k.status !== 'Enabled' || !r.enabled || r.nextRotationAt === null || r.nextRotationAt > cmd.now) return [];
  } else if (cmd.trigger !== 'on-demand') {
    throw KmsInternalFault(`rotation trigger must be scheduled or on-demand, got ${String(cmd.trigger)}`);
  }
  refuseUnrotatable(k, 'key rotation');
  requireEnabled(k, 'key rotation');
  // Material comes from the service, not the caller: a mismatch is our bug, hence KMS.0101.
  const expected = nextKeyVersion(k);
  if (cmd.material.version !== expected) {
    throw KmsInternalFault(`rotated material of key ${k.keyId} must be version ${expected}, got ${cmd.material.version}`);
  }
  if (cmd.material.wrapped.length === 0) throw WrappedMaterialEmpty();
  return [
    {
      type: 'KeyRotated',
      keyId: k.keyId,
      material: { version: cmd.material.version, wrapped: cmd.material.wrapped },
      trigger: cmd.trigger,
      at: cmd.now,
    },
  ];
}
