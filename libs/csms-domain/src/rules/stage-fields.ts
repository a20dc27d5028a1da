import { ConflictingSystemStages, ForbiddenCharacter, InvalidField, charLength, firstBadChar, quote } from '@dew/contracts';
import { STAGES_MAX, STAGE_NAME_MAX, SYSCURRENT, SYSPREVIOUS } from '../state/stages.js';

/** Stage name rules: 1..64 of [A-Za-z0-9_-]. */

const STAGE_CHAR = /^[A-Za-z0-9_-]$/;

export function validateStageName(stage: string, where = 'stage'): string {
  if (typeof stage !== 'string') throw InvalidField(where, 'be a string');
  const length = charLength(stage);
  if (length < 1 || length > STAGE_NAME_MAX) throw InvalidField(where, `be 1..${STAGE_NAME_MAX} characters`, length);
  const bad = firstBadChar(stage, STAGE_CHAR);
  if (bad) throw ForbiddenCharacter(where, 'A-Z a-z 0-9 _ -', bad);
  return stage;
}

/**
 * `version_stages` of a new version: absent → [SYSCURRENT]; else 1..12 valid names, duplicates
 * folded. SYSPREVIOUS cannot go on the version that takes SYSCURRENT (it belongs to the former holder).
 */
export function validateVersionStages(stages: readonly string[] | undefined): string[] {
  if (stages === undefined) return [SYSCURRENT];
  if (!Array.isArray(stages) || stages.length < 1 || stages.length > STAGES_MAX) {
    throw InvalidField('version_stages', `hold 1..${STAGES_MAX} items`, Array.isArray(stages) ? stages.length : quote(stages));
  }
  const out = [...new Set(stages.map((s, i) => validateStageName(s, `version_stages[${i}]`)))];
  if (out.includes(SYSCURRENT) && out.includes(SYSPREVIOUS)) throw ConflictingSystemStages();
  return out;
}
