import { InvalidSecretBackup, quote } from '@dew/contracts';
import { validateSealedValue } from '../rules/secret-fields.js';
import { validateStageName } from '../rules/stage-fields.js';
import type { Version } from '../state/secret-set.js';
import { STAGES_MAX, SYSCURRENT, VERSIONS_MAX, stageHolder, versionNumber, type Stages } from '../state/stages.js';

/** A backup's versions and stages must form a valid secret (CSMS.0002 otherwise; docs/backup-format.md). */
export function validateBackup(versions: readonly Version[], stages: Stages): void {
  const bad = (why: string): never => {
    throw InvalidSecretBackup(why);
  };
  if (!Array.isArray(versions) || versions.length < 1 || versions.length > VERSIONS_MAX) {
    bad(`it must hold 1..${VERSIONS_MAX} versions`);
  }
  const ids = new Set<string>();
  for (const v of versions) {
    if (versionNumber(v.id) === undefined) bad(`version id ${quote(v.id)} is not v<n>`);
    if (ids.has(v.id)) bad(`version ${v.id} appears twice`);
    ids.add(v.id);
    validateSealedValue(v.value);
  }
  if (typeof stages !== 'object' || stages === null) bad('stages must be an object');
  const entries = Object.entries(stages);
  if (entries.length > STAGES_MAX) bad(`it holds ${entries.length} stages, the limit is ${STAGES_MAX}`);
  for (const [stage, versionId] of entries) {
    validateStageName(stage, 'stage');
    if (!ids.has(versionId)) bad(`stage ${stage} names unknown version ${quote(versionId)}`);
  }
  if (stageHolder(stages, SYSCURRENT) === undefined) bad('no version carries SYSCURRENT');
}
