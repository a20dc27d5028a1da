import { DewError } from '@dew/contracts';
import { isSymmetric } from './key-specs.js';
import { liveKey, refuseDefault, requireEnabled } from './guards.js';
import {
  ROTATION_INTERVAL_MAX,
  ROTATION_INTERVAL_MIN,
  type Keyring,
  type KeyringEvent,
  type LiveCmk,
  type RotationTrigger,
} from './keyring.js';

/** Automatic and on-demand rotation of symmetric KMS-origin keys. */

export interface EnableKeyRotation {
  readonly type: 'EnableKeyRotation';
  readonly keyId: string;
  readonly now: number;
}
export interface DisableKeyRotation {
  readonly type: 'DisableKeyRotation';
  readonly keyId: string;
  readonly now: number;
}
export interface UpdateKeyRotationInterval {
  readonly type: 'UpdateKeyRotationInterval';
  readonly keyId: string;
  readonly intervalDays: number;
  readonly now: number;
}
/**
 * New material now. The service wraps fresh material as version latest+1. `scheduled` is the
 * scheduler's: it yields no event (instead of a refusal) when the key is no longer due, not
 * Enabled, or has rotation switched off, so a retried or stale run is harmless.
 */
export interface RotateKey {
  readonly type: 'RotateKey';
  readonly keyId: string;
  readonly now: number;
  readonly material: { readonly version: number; readonly wrapped: string };
  readonly trigger: RotationTrigger;
}

export type RotationCommand = EnableKeyRotation | DisableKeyRotation | UpdateKeyRotationInterval | RotateKey;

export function validateRotationInterval(days: number): number {
  if (!Number.isInteger(days) || days < ROTATION_INTERVAL_MIN || days > ROTATION_INTERVAL_MAX) {
    throw new DewError(
      'KMS.0308',
      `rotation_interval must be ${ROTATION_INTERVAL_MIN}..${ROTATION_INTERVAL_MAX}, got ${days}`,
    );
  }
  return days;
}

/** Only symmetric KMS-origin, non-default keys rotate. */
function refuseUnrotatable(k: LiveCmk, operation: string): void {
  refuseDefault(k, operation);
  if (!isSymmetric(k.keySpec)) {
    throw new DewError(
      'KMS.0308',
      `${operation}: only symmetric keys rotate; key ${k.keyId} is ${k.keySpec}`,
    );
  }
  if (k.origin === 'external') {
    throw new DewError('KMS.0308', `${operation}: key ${k.keyId} has imported material; imported keys are never rotated`);
  }
}

/** Version number the next rotation must carry. */
export function nextKeyVersion(k: LiveCmk): number {
  const last = k.versions[k.versions.length - 1];
  return (last?.version ?? 0) + 1;
}

export function enableKeyRotation(state: Keyring, cmd: EnableKeyRotation): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  refuseUnrotatable(k, 'enabling key rotation');
  requireEnabled(k, 'enabling key rotation');
  if (k.rotation.enabled) return [];
  return [{ type: 'KeyRotationEnabled', keyId: k.keyId, at: cmd.now }];
}

/** Allowed on Enabled and Disabled keys (switching off never hurts); refused pending deletion. */
export function disableKeyRotation(state: Keyring, cmd: DisableKeyRotation): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  refuseUnrotatable(k, 'disabling key rotation');
  if (k.status === 'PendingDeletion') {
    throw new DewError('KMS.0210', `key ${k.keyId} is pending deletion; disabling key rotation is not allowed`);
  }
  if (!k.rotation.enabled) return [];
  return [{ type: 'KeyRotationDisabled', keyId: k.keyId, at: cmd.now }];
}

export function updateKeyRotationInterval(state: Keyring, cmd: UpdateKeyRotationInterval): KeyringEvent[] {
  const intervalDays = validateRotationInterval(cmd.intervalDays);
  const k = liveKey(state, cmd.keyId);
  refuseUnrotatable(k, 'changing the rotation interval');
  requireEnabled(k, 'changing the rotation interval');
  if (k.rotation.intervalDays === intervalDays) return [];
  return [{ type: 'KeyRotationIntervalChanged', keyId: k.keyId, intervalDays, at: cmd.now }];
}

export function rotateKey(state: Keyring, cmd: RotateKey): KeyringEvent[] {
  const k = liveKey(state, cmd.keyId);
  if (cmd.trigger === 'scheduled') {
    const r = k.rotation;
    if (k.status !== 'Enabled' || !r.enabled || r.nextRotationAt === null || r.nextRotationAt > cmd.now) return [];
  } else if (cmd.trigger !== 'on-demand') {
    throw new DewError('KMS.0101', `rotation trigger must be scheduled or on-demand, got ${String(cmd.trigger)}`);
  }
  refuseUnrotatable(k, 'key rotation');
  requireEnabled(k, 'key rotation');
  // Material comes from the service, not the caller: a mismatch is our bug, hence KMS.0101.
  const expected = nextKeyVersion(k);
  if (cmd.material.version !== expected) {
    throw new DewError('KMS.0101', `rotated material of key ${k.keyId} must be version ${expected}, got ${cmd.material.version}`);
  }
  if (cmd.material.wrapped.length === 0) throw new DewError('KMS.0101', 'wrapped key material is empty');
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

// ---- queries -------------------------------------------------------------------------------

/** Keys the scheduler should rotate now: Enabled, rotation on, nextRotationAt ≤ now; soonest first. */
export function dueForRotation(state: Keyring, now: number): string[] {
  const due: { keyId: string; at: number }[] = [];
  for (const k of state.keys.values()) {
    if (k.status !== 'Enabled' || !k.rotation.enabled) continue;
    const at = k.rotation.nextRotationAt;
    if (at !== null && at <= now) due.push({ keyId: k.keyId, at });
  }
  return due
    .sort((a, b) => a.at - b.at || (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0))
    .map((d) => d.keyId);
}

export interface RotationStatus {
  readonly enabled: boolean;
  readonly intervalDays: number;
  readonly lastRotatedAt: number | null;
  readonly rotations: number;
  /** Extra: the planned time of the next automatic rotation, null while off. */
  readonly nextRotationAt: number | null;
}

/** get-key-rotation-status. */
export function rotationStatus(key: LiveCmk): RotationStatus {
  const r = key.rotation;
  return {
    enabled: r.enabled,
    intervalDays: r.intervalDays,
    lastRotatedAt: r.lastRotatedAt,
    rotations: r.rotations,
    nextRotationAt: r.nextRotationAt,
  };
}

/** A key material's state in get-key-rotation-status: the newest encrypts and decrypts, older ones only decrypt. */
export const MATERIAL_STATE = { current: 1, decryptOnly: 2 } as const;

export interface KeyMaterialView {
  /** The version number, which names the material in ciphertext headers (docs/ciphertext.md). */
  readonly materialId: string;
  readonly state: (typeof MATERIAL_STATE)[keyof typeof MATERIAL_STATE];
  readonly createdAt: number;
  /** Imported material's expiry (the current material only); null = never. */
  readonly expiresAt: number | null;
}

/** get-key-rotation-status `key_materials`: one entry per version of the key, oldest first. */
export function keyMaterials(key: LiveCmk): KeyMaterialView[] {
  const last = key.versions.length - 1;
  return key.versions.map((v, i) => ({
    materialId: String(v.version),
    state: i === last ? MATERIAL_STATE.current : MATERIAL_STATE.decryptOnly,
    createdAt: v.createdAt,
    expiresAt: i === last ? key.imported.expiresAt : null,
  }));
}
