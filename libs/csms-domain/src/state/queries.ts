import { SecretNotFound, SecretPendingDeletion } from '@dew/contracts';
import type { Secret, SecretSet, Version } from './secret-set.js';
import { stagesOf } from './stages.js';

/** Reads of the secret set shared by every feature, and the refusals shared by commands and reads. */

/** A non-deleted secret (Enabled or PendingDeletion) by name. */
export function findSecretByName(state: SecretSet, name: string): Secret | undefined {
  const id = state.names.get(name);
  return id === undefined ? undefined : findSecretById(state, id);
}

/** A non-deleted secret by id. */
export function findSecretById(state: SecretSet, id: string): Secret | undefined {
  return state.secrets.get(id);
}

/** The project holds a secret with this id, or held one and deleted it. */
export function holdsOrHeld(state: SecretSet, id: string): boolean {
  return state.secrets.has(id) || state.deletedIds.has(id);
}

/** The keyring entry a secret's values are sealed under (every version of a secret shares it). */
export function keyringOwnerOf(secret: Secret): string {
  return secret.versions[0]?.value.owner ?? secret.id;
}

/** Non-deleted secrets: what the 200 quota counts. */
export function secretCount(state: SecretSet): number {
  return state.names.size;
}

/** Non-deleted secrets in creation order (name breaks ties). */
export function activeSecrets(state: SecretSet): Secret[] {
  return [...state.secrets.values()].sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A non-deleted secret by name, or CSMS.0005 (404). */
export function requireSecret(state: SecretSet, name: string): Secret {
  const s = findSecretByName(state, name);
  if (!s) throw SecretNotFound(name);
  return s;
}

/** A non-deleted secret by id, or CSMS.0005 (404). */
export function requireSecretById(state: SecretSet, id: string): Secret {
  const s = findSecretById(state, id);
  if (!s) throw SecretNotFound(id);
  return s;
}

/** A secret pending deletion can be neither read nor changed (CSMS.0103). */
export function refusePendingDeletion(s: Secret, operation: string): void {
  if (s.status === 'PendingDeletion') throw SecretPendingDeletion(s.name, operation);
}

/** A secret whose values may be read or changed: exists (CSMS.0005), not pending deletion (CSMS.0103). */
export function requireEnabledSecret(state: SecretSet, name: string, operation = 'reading it'): Secret {
  const s = requireSecret(state, name);
  refusePendingDeletion(s, operation);
  return s;
}

export function findVersion(secret: Secret, versionId: string): Version | undefined {
  return secret.versions.find((v) => v.id === versionId);
}

/** The stages a version carries, sorted. */
export function versionStages(secret: Secret, versionId: string): string[] {
  return stagesOf(secret.stages, versionId);
}
