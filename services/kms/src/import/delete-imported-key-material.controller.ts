import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kmsOperations, type KeyOpRequest, type ReplyOf } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { ImportedMaterial } from './imported-material.js';

/** delete-imported-key-material: the key returns to Pending import and its material is erased. */
@Controller()
export class DeleteImportedKeyMaterialController {
  constructor(private readonly material: ImportedMaterial) {}

  @Handles(kmsOperations.deleteImportedKeyMaterial)
  async delete(@Payload() req: KeyOpRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kmsOperations.deleteImportedKeyMaterial>> {
    await this.material.delete(ctx, req.key_id);
    return {};
  }
}
