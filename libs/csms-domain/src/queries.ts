import { DewError } from '@dew/contracts';
import type { Secret, SecretSet, Version } from './secrets.js';
import { LATEST, SYSCURRENT, stageHolder, stagesOf } from './versions.js';
import { quote } from '@dew/contracts';

/** Reads of the secret set, and the refusals shared by commands and reads. */

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

/** A non-deleted secret (Enabled or PendingDeletion) by name. */
export function findSecretByName(state: SecretSet, name: string): Secret | undefined {
  const id = state.names.get(name);
  return id === undefined ? undefined : findSecretById(state, id);
}

/** A non-deleted secret by id. */
/** The keyring entry a secret's values are sealed under (every version of a secret shares it). */
export function keyringOwnerOf(secret: Secret): string {
  return secret.versions[0]?.value.owner ?? secret.id;
}

export function findSecretById(state: SecretSet, id: string): Secret | undefined {
  const s = state.secrets.get(id);
  return s && s.status !== 'Deleted' ? s : undefined;
}

/** Non-deleted secrets: what the 200 quota counts. */
export function secretCount(state: SecretSet): number {
  return state.names.size;
}

/** A non-deleted secret by name, or CSMS.0005 (404). */
export function requireSecret(state: SecretSet, name: string): Secret {
  const s = findSecretByName(state, name);
  if (!s) throw new DewError('CSMS.0005', `secret ${quote(name)} does not exist`);
  return s;
}

/** A non-deleted secret by id, or CSMS.0005 (404). */
export function requireSecretById(state: SecretSet, id: string): Secret {
  const s = findSecretById(state, id);
  if (!s) throw new DewError('CSMS.0005', `secret ${quote(id)} does not exist`);
  return s;
}

/** A secret pending deletion can be neither read nor changed (CSMS.0103). */
export function refusePendingDeletion(s: Secret, operation: string): void {
  if (s.status === 'PendingDeletion') {
    throw new DewError('CSMS.0103', `secret ${quote(s.name)} is pending deletion; ${operation} is not allowed`);
  }
}

/** A secret whose values may be read or changed: exists (CSMS.0005), not pending deletion (CSMS.0103). */
export function requireEnabledSecret(state: SecretSet, name: string, operation = 'reading it'): Secret {
  const s = requireSecret(state, name);
  refusePendingDeletion(s, operation);
  return s;
}

export interface ListSecretsQuery {
  /** 1..200, default 50. */
  readonly limit?: number;
  /** A secret name: the page starts after it. */
  readonly marker?: string;
}
export interface ListSecretsPage {
  readonly secrets: readonly Secret[];
  /** Name of the page's last secret when more follow; null on the last page. */
  readonly nextMarker: string | null;
}

/** GET `secrets`: non-deleted secrets sorted by name, after `marker`. */
export function listSecrets(state: SecretSet, query: ListSecretsQuery = {}): ListSecretsPage {
  const limit = query.limit ?? LIST_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > LIST_LIMIT_MAX) {
    throw new DewError('CSMS.0002', `limit must be an integer 1..${LIST_LIMIT_MAX}, got ${quote(limit)}`);
  }
  const marker = query.marker;
  const all = [...state.names.keys()]
    .filter((n) => marker === undefined || marker === '' || n > marker)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const page = all.slice(0, limit);
  const secrets = page.map((n) => findSecretByName(state, n)).filter((s): s is Secret => s !== undefined);
  const last = page[page.length - 1];
  return { secrets, nextMarker: all.length > limit && last !== undefined ? last : null };
}

/** The stages a version carries, sorted. */
export function versionStages(secret: Secret, versionId: string): string[] {
  return stagesOf(secret.stages, versionId);
}

export function findVersion(secret: Secret, versionId: string): Version | undefined {
  return secret.versions.find((v) => v.id === versionId);
}

/** A version by id, or `latest` = the SYSCURRENT version; CSMS.0005 if there is none. */
export function resolveVersion(secret: Secret, versionIdOrLatest: string): Version {
  const id = versionIdOrLatest === LATEST ? stageHolder(secret.stages, SYSCURRENT) : versionIdOrLatest;
  const v = id === undefined ? undefined : findVersion(secret, id);
  if (!v) {
    throw new DewError('CSMS.0005', `version ${quote(versionIdOrLatest)} of secret ${quote(secret.name)} does not exist`);
  }
  return v;
}

/** The version a stage names, or CSMS.0005. */
export function resolveStage(secret: Secret, stage: string): Version {
  const id = stageHolder(secret.stages, stage);
  const v = id === undefined ? undefined : findVersion(secret, id);
  if (!v) throw new DewError('CSMS.0005', `stage ${quote(stage)} of secret ${quote(secret.name)} does not exist`);
  return v;
}

/** Ids of secrets pending deletion whose deadline has passed (the scheduler sends ExecuteSecretDeletion). */
export function dueForDeletion(state: SecretSet, now: number): string[] {
  const out: string[] = [];
  for (const s of state.secrets.values()) {
    if (s.status === 'PendingDeletion' && s.scheduledDeleteAt !== null && s.scheduledDeleteAt <= now) out.push(s.id);
  }
  return out;
}

/** Non-deleted secrets in creation order (name breaks ties). */
export function activeSecrets(state: SecretSet): Secret[] {
  const out: Secret[] = [];
  for (const s of state.secrets.values()) if (s.status !== 'Deleted') out.push(s);
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
