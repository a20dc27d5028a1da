/**
 * Stages and version ids, shared by decide (to check) and evolve (to apply): a stage names
 * exactly one version; SYSCURRENT leaving a version leaves SYSPREVIOUS on it.
 */

export const SYSCURRENT = 'SYSCURRENT';
export const SYSPREVIOUS = 'SYSPREVIOUS';
export const SYSTEM_STAGES: readonly string[] = [SYSCURRENT, SYSPREVIOUS];
export const STAGES_MAX = 12;
export const VERSIONS_MAX = 20;
export const STAGE_NAME_MAX = 64;
export const LATEST = 'latest';

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
