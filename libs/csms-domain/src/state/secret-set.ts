import { PersistentMap, type Instant } from '@dew/decider';
import type { EventRule, NotificationRecord, PendingNotification } from '../notify/model.js';
import type { Stages } from './stages.js';

/**
 * The project's secret set: every secret of one project, one event subject, so name uniqueness
 * and the 200-secret quota are guarded by one expected-sequence append (docs/architecture.md).
 * Its maps are persistent (PersistentMap): one event copies a path of the trie, never a whole map,
 * and a deleted secret leaves the set but for its id (docs/architecture.md, "Event sourcing on JetStream").
 */

/** A value sealed by the service under a KMS key: opaque here, the domain never sees plaintext. */
export interface EncryptedValue {
  readonly kmsKeyId: string;
  readonly sealed: string;
  /**
   * The keyring entry that sealed it: the secret's id, or for a restored secret a fresh owner id,
   * so no keyring entry is ever written twice under one id (absent in values written before).
   */
  readonly owner?: string;
}

export interface Version {
  /** `v1`, `v2`, … */
  readonly id: string;
  readonly createdAt: Instant;
  /** null = never. */
  readonly expireTime: Instant | null;
  readonly kmsKeyId: string;
  readonly value: EncryptedValue;
  /** Its expire_time passed and SecretVersionExpired was written (absent before). */
  readonly expired?: boolean;
}

export interface SecretTag {
  readonly key: string;
  readonly value: string;
}

/** A deleted secret is no longer in the set (only its id stays, in `deletedIds`). */
export type SecretStatus = 'Enabled' | 'PendingDeletion';

export interface Secret {
  readonly status: SecretStatus;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly kmsKeyId: string;
  readonly secretType: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  /** Set while PendingDeletion. */
  readonly scheduledDeleteAt: Instant | null;
  /** Oldest first. */
  readonly versions: readonly Version[];
  /** stage → versionId; a version's stages are derived (versionStages). */
  readonly stages: Stages;
  readonly tags: readonly SecretTag[];
  /** Highest version number ever used: the next version is `v<n+1>`. */
  readonly lastVersionNumber: number;
  /** Names of the event rules it subscribes to (`event_subscriptions`; absent = none). */
  readonly eventSubscriptions?: readonly string[];
}

/** A secret's rotation plan (docs/api-decisions.md, "Secret rotation"); absent = never rotated, no plan. */
/**
 * Who switched auto rotation on (never a credential): the scheduler acts as this principal on
 * every run, with the rights it has then (docs/authorization.md, "CSMS and KMS").
 */
export interface RotationPrincipal {
  readonly userId: string;
  readonly domainId: string;
  readonly userName: string;
}

export interface RotationSchedule {
  readonly autoRotation: boolean;
  /** As given, e.g. `30d`; '' when never set. */
  readonly period: string;
  readonly periodMs: number | null;
  /** The last rotation; null = never rotated. */
  readonly rotatedAt: Instant | null;
  /** When the scheduler rotates it next; null unless auto rotation is on. */
  readonly nextRotationAt: Instant | null;
  /** Whom scheduled runs act as; null when auto rotation is off or was set before DEW recorded it. */
  readonly configuredBy: RotationPrincipal | null;
}

/** One rotation run, listed by list-rotation-tasks (the SDK's `SecretTask`). */
export interface RotationTask {
  readonly taskId: string;
  readonly secretId: string;
  readonly secretName: string;
  readonly status: 'SUCCESS' | 'FAILED';
  /** `MANUAL` (rotate-secret) or `SCHEDULED` (the rotation scheduler). */
  readonly operateType: RotationTrigger;
  readonly at: Instant;
  readonly attempts: number;
  readonly errorCode: string;
  readonly errorMessage: string;
}

export type RotationTrigger = 'MANUAL' | 'SCHEDULED';

export interface SecretSet {
  readonly projectId: string;
  /** secretId → rotation plan, for live secrets that ever had one (a deleted secret's plan goes with it). */
  readonly rotations: PersistentMap<RotationSchedule>;
  /** Rotation runs, oldest first (the newest ROTATION_TASKS_KEPT). */
  readonly rotationTasks: readonly RotationTask[];
  /** secretId → secret, live ones only (Enabled or PendingDeletion). */
  readonly secrets: PersistentMap<Secret>;
  /** name → secretId of the same secrets (their count is the quota's). */
  readonly names: PersistentMap<string>;
  /**
   * secretId → when it was deleted, for the secrets this project held and deleted: only the id
   * stays, so a restore never takes an id another project held (docs/backup-format.md).
   */
  readonly deletedIds: PersistentMap<Instant>;
  /** The project's secret events (notification rules) by name. */
  readonly eventRules: ReadonlyMap<string, EventRule>;
  /** The durable outbox: notifications owed and not yet settled, by notification id. */
  readonly outbox: PersistentMap<PendingNotification>;
  /** Delivery attempts, oldest first (the newest RECORDS_KEPT). */
  readonly records: readonly NotificationRecord[];
  /** Notifications ever owed: the next one's id is `<project>-<n+1>`. */
  readonly notificationCount: number;
}

export function initialSecretSet(projectId: string): SecretSet {
  return {
    projectId,
    secrets: PersistentMap.empty(),
    names: PersistentMap.empty(),
    deletedIds: PersistentMap.empty(),
    eventRules: new Map(),
    outbox: PersistentMap.empty(),
    records: [],
    notificationCount: 0,
    rotations: PersistentMap.empty(),
    rotationTasks: [],
  };
}

/** The set with `secret` stored under its id (names untouched). */
export function withSecret(state: SecretSet, secret: Secret): SecretSet {
  return { ...state, secrets: state.secrets.set(secret.id, secret) };
}

/** Events are facts already decided: evolve never refuses. One for an unknown or deleted secret is ignored. */
export function changeLiveSecret(state: SecretSet, secretId: string, change: (s: Secret) => Secret): SecretSet {
  const s = state.secrets.get(secretId);
  return s ? withSecret(state, change(s)) : state;
}
