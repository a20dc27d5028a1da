import type { Decider } from '@dew/decider';
import { assertNever } from '@dew/decider';
import { decideSecretLifecycle, type SecretLifecycleCommand } from './secrets/decide.js';
import type { SecretLifecycleEvent } from './secrets/events.js';
import { evolveSecretLifecycle } from './secrets/evolve.js';
import { decideRotation, type RotationCommand } from './rotation/decide.js';
import type { RotationEvent } from './rotation/events.js';
import { evolveRotation } from './rotation/evolve.js';
import { decideNotify, type NotifyCommand } from './notify/decide.js';
import type { NotifyEvent } from './notify/events.js';
import { evolveNotify } from './notify/evolve.js';
import { notificationsFor } from './notify/notifications.js';
import { initialSecretSet, type SecretSet } from './state/secret-set.js';
import { decideTags, type SecretTagCommand } from './tags/decide.js';
import type { SecretTagEvent } from './tags/events.js';
import { evolveTags } from './tags/evolve.js';
import { decideVersions, type VersionCommand } from './versions/decide.js';
import type { VersionEvent } from './versions/events.js';
import { evolveVersions } from './versions/evolve.js';

/** The secret-set aggregate (docs/architecture.md, "Event sourcing on JetStream"): its features composed. */

export type SecretEvent = SecretLifecycleEvent | VersionEvent | SecretTagEvent | NotifyEvent | RotationEvent;
export type SecretCommand = SecretLifecycleCommand | VersionCommand | SecretTagCommand | NotifyCommand | RotationCommand;
/** Aliases: the aggregate is the project's secret set. */
export type SecretSetEvent = SecretEvent;
export type SecretSetCommand = SecretCommand;

export function evolve(state: SecretSet, event: SecretEvent): SecretSet {
  switch (event.type) {
    case 'SecretCreated':
    case 'SecretUpdated':
    case 'SecretDeletionScheduled':
    case 'SecretDeletionCancelled':
    case 'SecretDeleted':
    case 'SecretRestored':
      return evolveSecretLifecycle(state, event);
    case 'SecretVersionAdded':
    case 'VersionStageMoved':
    case 'SecretStageDeleted':
    case 'SecretVersionExpiryChanged':
      return evolveVersions(state, event);
    case 'SecretTagsChanged':
      return evolveTags(state, event);
    case 'SecretEventCreated':
    case 'SecretEventUpdated':
    case 'SecretEventDeleted':
    case 'SecretSubscriptionsChanged':
    case 'SecretVersionExpired':
    case 'NotificationDue':
    case 'NotificationAttempted':
      return evolveNotify(state, event);
    case 'SecretRotationConfigured':
    case 'SecretRotated':
    case 'SecretRotationFailed':
      return evolveRotation(state, event);
    default:
      return assertNever(event);
  }
}

/** The command's events, and with them the notifications they cause (the outbox: notify/notifications.ts). */
export function decide(state: SecretSet, command: SecretCommand): readonly SecretEvent[] {
  const events = decideChange(state, command);
  return [...events, ...notificationsFor(state, events)];
}

function decideChange(state: SecretSet, command: SecretCommand): readonly SecretEvent[] {
  switch (command.type) {
    case 'CreateSecret':
    case 'UpdateSecret':
    case 'RestoreSecret':
    case 'ScheduleSecretDeletion':
    case 'CancelSecretDeletion':
    case 'DeleteSecret':
    case 'ExecuteSecretDeletion':
      return decideSecretLifecycle(state, command);
    case 'AddSecretVersion':
    case 'UpdateVersionExpiry':
    case 'UpdateStage':
    case 'DeleteStage':
      return decideVersions(state, command);
    case 'AddSecretTag':
    case 'RemoveSecretTag':
    case 'BatchSecretTags':
      return decideTags(state, command);
    case 'CreateSecretEvent':
    case 'UpdateSecretEvent':
    case 'DeleteSecretEvent':
    case 'SubscribeSecret':
    case 'ExpireVersions':
    case 'RecordNotificationAttempt':
      return decideNotify(state, command);
    case 'RotateSecret':
    case 'RecordRotationFailure':
      return decideRotation(state, command);
    default:
      return assertNever(command);
  }
}

/**
 * The subject names the project, so a store starts each set from `initialSecretSet(project)`
 * (libs/read-models); this value's initial state belongs to no project.
 */
export const secretSetDecider: Decider<SecretCommand, SecretEvent, SecretSet> = {
  initialState: initialSecretSet(''),
  evolve,
  decide,
};
