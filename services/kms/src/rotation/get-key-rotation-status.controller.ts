import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import { keyMaterials, liveKey, rotationStatus } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';

@Controller()
export class GetKeyRotationStatusController {
  constructor(private readonly keyrings: Keyrings) {}

  @Handles(kmsOperations.getKeyRotationStatus)
  status(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): ReplyOf<typeof kmsOperations.getKeyRotationStatus> {
    const key = liveKey(this.keyrings.of(ctx.projectId), req.key_id);
    const status = rotationStatus(key);
    return {
      key_rotation_enabled: status.enabled,
      rotation_interval: status.intervalDays,
      last_rotation_time: status.lastRotatedAt === null ? '' : String(status.lastRotatedAt),
      number_of_rotations: status.rotations,
      key_materials: keyMaterials(key).map((m) => ({
        material_id: m.materialId,
        state: m.state,
        create_time: String(m.createdAt),
        expiration_time: m.expiresAt === null ? '' : String(m.expiresAt),
        charge_id: '', // DEW bills nothing
      })),
    };
  }
}
