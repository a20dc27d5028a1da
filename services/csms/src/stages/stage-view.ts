import { StageNotOnSecret } from '@dew/contracts';
import type { Secret } from '@dew/csms-domain';

/** The Stage object on the wire; a stage the secret does not carry is CSMS.0005. */
export function stageView(secret: Secret, stage: string) {
  const versionId = Object.hasOwn(secret.stages, stage) ? secret.stages[stage] : undefined;
  if (!versionId) throw StageNotOnSecret(stage, secret.name);
  return { stage: { name: stage, update_time: Math.floor(secret.updatedAt / 1000), secret_name: secret.name, version_id: versionId } };
}
