import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SecretTypeNotRotatable } from '@dew/contracts';
import { ROTATABLE_TYPE, generatePassword, type RotationTrigger } from '@dew/csms-domain';
import type { RequestContext } from '@dew/messaging';
import { SecretSets } from '../secrets/secret-sets.js';
import { SecretVersions } from '../versions/secret-versions.js';

/**
 * Rotating a COMMON secret: a generated password (Huawei's default policy: 32 characters of every
 * type) becomes a new SYSCURRENT version, sealed like any value; the former current keeps
 * SYSPREVIOUS. The value reaches no event, trace or log: only its sealed form is stored.
 */
@Injectable()
export class SecretRotations {
  constructor(
    private readonly sets: SecretSets,
    private readonly versions: SecretVersions,
  ) {}

  async rotate(ctx: RequestContext, name: string, operateType: RotationTrigger): Promise<{ versionId: string; secretName: string; taskId: string }> {
    const secret = this.sets.usable(ctx, name);
    // Refused before a value is generated and sealed (the domain refuses it again when it decides).
    if (secret.secretType !== ROTATABLE_TYPE) throw SecretTypeNotRotatable(secret.secretType);
    const taskId = randomUUID();
    const fields = { secret_string: generatePassword({}, randomBytes) };
    const { versionId } = await this.versions.sealNew(ctx, name, fields, (value, now) => ({ type: 'RotateSecret', name, taskId, value, operateType, now }));
    return { versionId, secretName: secret.name, taskId };
  }
}
