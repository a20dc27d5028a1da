import { Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsInt } from 'class-validator';
import { KeyNotFound, KeyOpRequest, validateBody } from '@dew/contracts';
import { decide, findKey, keyMaterials, rotationStatus, type KeyringCommand, type LiveCmk } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, RpcRegistry } from '@dew/nest-kit';
import { Keyrings } from '../keys/keyrings.js';
import { NewVersions } from '../crypto/new-version.js';

class RotationIntervalRequest extends KeyOpRequest {
  /** rotation_interval is an int on the wire (one of the few KMS numbers that are). */
  @IsDefined() @IsInt() rotation_interval!: number;
}

/** Key rotation: enable/disable/interval/status and rotate-on-demand. */
@Injectable()
export class RotationHandler implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly versions: NewVersions,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
  ) {}

  onModuleInit(): void {
    const simple = (subject: string, type: 'EnableKeyRotation' | 'DisableKeyRotation') =>
      this.rpc.register(subject, async (body, ctx) => {
        const req = validateBody(KeyOpRequest, body);
        await this.#run(ctx, { type, keyId: req.key_id, now: this.clock.now() });
        return {};
      });
    simple('kms.enable-key-rotation', 'EnableKeyRotation');
    simple('kms.disable-key-rotation', 'DisableKeyRotation');
    this.rpc.register('kms.update-key-rotation-interval', async (body, ctx) => {
      const req = validateBody(RotationIntervalRequest, body);
      await this.#run(ctx, { type: 'UpdateKeyRotationInterval', keyId: req.key_id, intervalDays: req.rotation_interval, now: this.clock.now() });
      return {};
    });
    this.rpc.register('kms.get-key-rotation-status', async (body, ctx) => {
      const key = this.#key(ctx, validateBody(KeyOpRequest, body).key_id);
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
    });
    this.rpc.register('kms.rotate-on-demand', async (body, ctx) => {
      const req = validateBody(KeyOpRequest, body);
      const material = await this.versions.next(this.#key(ctx, req.key_id));
      await this.#run(ctx, { type: 'RotateKey', keyId: req.key_id, now: this.clock.now(), material, trigger: 'on-demand' });
      return { key_id: req.key_id };
    });
  }

  #key(ctx: RequestContext, keyId: string): LiveCmk {
    const key = findKey(this.keyrings.of(ctx.projectId), keyId);
    if (!key) throw KeyNotFound(keyId.slice(0, 64));
    return key;
  }

  #run(ctx: RequestContext, command: KeyringCommand) {
    return this.keyrings.execute(ctx, (s) => decide(s, command));
  }
}
