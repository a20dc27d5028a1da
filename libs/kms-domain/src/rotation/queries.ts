import type { Instant } from '@dew/decider';
import type { Keyring, LiveCmk } from '../state/keyring.state.js';
import { bySoonest } from '../state/queries.js';


/** Keys the scheduler should rotate now: Enabled, rotation on, nextRotationAt ≤ now; soonest first. */
export function dueForRotation(state: Keyring, now: Instant): string[] {
  const due: { keyId: string; at: Instant }[] = [];
  for (const k of state.keys.values()) {
    if (k.status !== 'Enabled' || !k.rotation.enabled) continue;
    const at = k.rotation.nextRotationAt;
    if (at !== null && at <= now) due.push({ keyId: k.keyId, at });
  }
  return due.sort(bySoonest).map((d) => d.keyId);
}

export interface RotationStatus {
  readonly enabled: boolean;
  readonly intervalDays: number;
  readonly lastRotatedAt: Instant | null;
  readonly rotations: number;
  /** Extra: the planned time of the next automatic rotation, null while off. */
  readonly nextRotationAt: Instant | null;
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
  readonly createdAt: Instant;
  /** Imported material's expiry (the current material only); null = never. */
  readonly expiresAt: Instant | null;
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
