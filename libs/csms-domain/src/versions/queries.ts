import { StageNotFound, VersionNotFound } from '@dew/contracts';
import { findVersion } from '../state/queries.js';
import type { Secret, Version } from '../state/secret-set.js';
import { LATEST, SYSCURRENT, stageHolder } from '../state/stages.js';

/** A version by id, or `latest` = the SYSCURRENT version; CSMS.0005 if there is none. */
export function resolveVersion(secret: Secret, versionIdOrLatest: string): Version {
  const id = versionIdOrLatest === LATEST ? stageHolder(secret.stages, SYSCURRENT) : versionIdOrLatest;
  const v = id === undefined ? undefined : findVersion(secret, id);
  if (!v) throw VersionNotFound(secret.name, versionIdOrLatest);
  return v;
}

/** The version a stage names, or CSMS.0005. */
export function resolveStage(secret: Secret, stage: string): Version {
  const id = stageHolder(secret.stages, stage);
  const v = id === undefined ? undefined : findVersion(secret, id);
  if (!v) throw StageNotFound(secret.name, stage);
  return v;
}
