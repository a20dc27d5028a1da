import { EveryVersionStaged, StageLimitReached } from '@dew/contracts';
import type { Secret } from '../state/secret-set.js';
import { STAGES_MAX, VERSIONS_MAX, placeStages, stageCount, versionIdOf, type Stages } from '../state/stages.js';

/** CSMS.1003 when `stages` holds more than 12 distinct stages. */
export function checkStageLimit(stages: Stages, secretName: string): void {
  const n = stageCount(stages);
  if (n > STAGES_MAX) throw StageLimitReached(STAGES_MAX, secretName, n);
}

/**
 * The version to remove when `versionIds` (oldest first, the new one included) exceed 20:
 * the oldest with no stage; null when within the limit.
 */
export function versionToRemove(versionIds: readonly string[], stages: Stages): string | null {
  if (versionIds.length <= VERSIONS_MAX) return null;
  const staged = new Set(Object.values(stages));
  const victim = versionIds.find((v) => !staged.has(v));
  // unreachable: 12 stages cannot cover 21 versions
  if (victim === undefined) throw EveryVersionStaged(VERSIONS_MAX);
  return victim;
}

/** The id a new version of `s` gets with `stages`, and the version it pushes out (stage limit checked). */
export function planNewVersion(s: Secret, stages: readonly string[]): { versionId: string; removedVersionId: string | null } {
  const versionId = versionIdOf(s.lastVersionNumber + 1);
  const after = placeStages(s.stages, versionId, stages);
  checkStageLimit(after, s.name);
  return { versionId, removedVersionId: versionToRemove([...s.versions.map((v) => v.id), versionId], after) };
}
