import { DewError } from '@dew/contracts';
import { charLength, firstBadChar, quote } from '@dew/contracts';

/**
 * Version and stage logic, shared by decide (to check) and evolve (to apply): a stage
 * names exactly one version; SYSCURRENT leaving a version leaves SYSPREVIOUS on it.
 */

export const SYSCURRENT = 'SYSCURRENT';
export const SYSPREVIOUS = 'SYSPREVIOUS';
export const SYSTEM_STAGES: readonly string[] = [SYSCURRENT, SYSPREVIOUS];
export const STAGES_MAX = 12;
export const VERSIONS_MAX = 20;
export const STAGE_NAME_MAX = 64;
export const LATEST = 'latest';

const STAGE_CHAR = /^[A-Za-z0-9_-]$/;
const VERSION_ID = /^v([1-9][0-9]{0,8})$/;

/** stage → versionId. Read with stageHolder (stage names like `constructor` are legal). */
export type Stages = Readonly<Record<string, string>>;

export function isSystemStage(stage: string): boolean {
  return stage === SYSCURRENT || stage === SYSPREVIOUS;
}

/** The version a stage names, if any. */
export function stageHolder(stages: Stages, stage: string): string | undefined {
  return Object.hasOwn(stages, stage) ? stages[stage] : undefined;
}

/** The stages a version carries, sorted. */
export function stagesOf(stages: Stages, versionId: string): string[] {
  return Object.entries(stages)
    .filter(([, v]) => v === versionId)
    .map(([s]) => s)
    .sort();
}

export function stageCount(stages: Stages): number {
  return Object.keys(stages).length;
}

/** `v<n>` → n; undefined for anything else. */
export function versionNumber(versionId: string): number | undefined {
  const m = VERSION_ID.exec(versionId);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

export function versionIdOf(n: number): string {
  return `v${n}`;
}

export function validateStageName(stage: string, where = 'stage'): string {
  if (typeof stage !== 'string') throw new DewError('CSMS.0002', `${where} must be a string`);
  const length = charLength(stage);
  if (length < 1 || length > STAGE_NAME_MAX) {
    throw new DewError('CSMS.0002', `${where} must be 1..${STAGE_NAME_MAX} characters, got ${length}`);
  }
  const bad = firstBadChar(stage, STAGE_CHAR);
  if (bad) {
    throw new DewError(
      'CSMS.0002',
      `${where} may contain only A-Z a-z 0-9 _ -, got ${quote(bad.char)} at position ${bad.position}`,
    );
  }
  return stage;
}

/**
 * `version_stages` of a new version: absent → [SYSCURRENT]; else 1..12 valid names, duplicates
 * folded. SYSPREVIOUS cannot go on the version that takes SYSCURRENT (it belongs to the former holder).
 */
export function validateVersionStages(stages: readonly string[] | undefined): string[] {
  if (stages === undefined) return [SYSCURRENT];
  if (!Array.isArray(stages) || stages.length < 1 || stages.length > STAGES_MAX) {
    throw new DewError(
      'CSMS.0002',
      `version_stages must hold 1..${STAGES_MAX} items, got ${Array.isArray(stages) ? stages.length : quote(stages)}`,
    );
  }
  const out = [...new Set(stages.map((s, i) => validateStageName(s, `version_stages[${i}]`)))];
  if (out.includes(SYSCURRENT) && out.includes(SYSPREVIOUS)) {
    throw new DewError('CSMS.0002', 'version_stages may not hold both SYSCURRENT and SYSPREVIOUS');
  }
  return out;
}

/**
 * Put `put` on `versionId` (moving each from wherever it was). When SYSCURRENT moves to another
 * version, its former holder gets SYSPREVIOUS.
 */
export function placeStages(stages: Stages, versionId: string, put: readonly string[]): Stages {
  const entries = new Map(Object.entries(stages));
  const formerCurrent = entries.get(SYSCURRENT);
  for (const s of put) entries.set(s, versionId);
  if (put.includes(SYSCURRENT) && formerCurrent !== undefined && formerCurrent !== versionId) {
    entries.set(SYSPREVIOUS, formerCurrent);
  }
  return Object.fromEntries(entries);
}

export function removeStage(stages: Stages, stage: string): Stages {
  return Object.fromEntries(Object.entries(stages).filter(([s]) => s !== stage));
}

/** CSMS.1003 when `stages` holds more than 12 distinct stages. */
export function checkStageLimit(stages: Stages, secretName: string): void {
  const n = stageCount(stages);
  if (n > STAGES_MAX) {
    throw new DewError(
      'CSMS.1003',
      `stage limit of ${STAGES_MAX} reached: secret ${quote(secretName)} would have ${n} stages`,
    );
  }
}

/**
 * The version to remove when `versionIds` (oldest first, the new one included) exceed 20:
 * the oldest with no stage; null when within the limit.
 */
export function versionToRemove(versionIds: readonly string[], stages: Stages): string | null {
  if (versionIds.length <= VERSIONS_MAX) return null;
  const staged = new Set(Object.values(stages));
  const victim = versionIds.find((v) => !staged.has(v));
  if (victim === undefined) {
    // unreachable: 12 stages cannot cover 21 versions
    throw new DewError('CSMS.1003', `version limit of ${VERSIONS_MAX} reached and every version carries a stage`);
  }
  return victim;
}
