import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsOptional, IsString, ValidateNested } from 'class-validator';
import { CredentialUpdateEmpty } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { listAccessKeys, requireAccessKey, type AccessKeyInfo } from '@dew/iam-domain';
import { HttpReply } from '@dew/messaging';
import { ROOT_KEY, RpcRegistry } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { isoTime } from '../iam-views.js';
import { onRequest } from '../rpc-routes.js';
import { IsAccessKeyId, IsIamId } from '../iam-shape.js';
import { newAccessKeyId, newSecretKey, secretAad } from './secrets.js';

class CreateCredentialFields {
  @IsIamId() @IsDefined() @IsString() user_id!: string;
  @IsOptional() @IsString() description?: string;
}
class CreateCredentialRequest {
  @IsDefined() @ValidateNested() @Type(() => CreateCredentialFields) credential!: CreateCredentialFields;
}
class UpdateCredentialFields {
  @IsOptional() @IsIn(['active', 'inactive']) status?: 'active' | 'inactive';
  @IsOptional() @IsString() description?: string;
}
class UpdateCredentialRequest {
  @IsAccessKeyId() @IsDefined() @IsString() access_key!: string;
  @IsDefined() @ValidateNested() @Type(() => UpdateCredentialFields) credential!: UpdateCredentialFields;
}
class AccessKeyRequest {
  @IsAccessKeyId() @IsDefined() @IsString() access_key!: string;
}
class ListCredentialsRequest {
  @IsIamId() @IsOptional() @IsString() user_id?: string;
}

const view = (k: AccessKeyInfo) => ({ user_id: k.userId, access: k.accessKey, status: k.status, create_time: isoTime(k.createdAt), description: k.description });

/**
 * Permanent access keys: the SK is answered once, at creation, and stored only
 * wrapped by the root key; at most 2 per user (the domain refuses a third with IAM.0004).
 */
@Injectable()
export class AccessKeyHandlers implements OnModuleInit {
  constructor(
    private readonly commands: AccountCommands,
    private readonly rpc: RpcRegistry,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
  ) {}

  onModuleInit(): void {
    onRequest(this.rpc, 'iam.create-access-key', CreateCredentialRequest, async (r, ctx) => {
      const accessKey = newAccessKeyId();
      const secret = newSecretKey();
      const wrappedSecret = (await this.root.wrap(Buffer.from(secret, 'utf8'), secretAad(accessKey))).toString('base64');
      const state = await this.commands.run(ctx, (now) => ({
        type: 'CreateAccessKey',
        actorId: ctx.userId,
        accessKey,
        userId: r.credential.user_id,
        wrappedSecret,
        ...(r.credential.description !== undefined ? { description: r.credential.description } : {}),
        now,
      }));
      return new HttpReply({ credential: { ...view(requireAccessKey(state, accessKey)), secret } }, 201);
    });
    onRequest(this.rpc, 'iam.list-access-keys', ListCredentialsRequest, async (r, ctx) => ({
      credentials: listAccessKeys(this.commands.state(ctx), r.user_id).map(view),
    }));
    onRequest(this.rpc, 'iam.show-access-key', AccessKeyRequest, async (r, ctx) => ({
      credential: { ...view(requireAccessKey(this.commands.state(ctx), r.access_key)), last_use_time: '' },
    }));
    onRequest(this.rpc, 'iam.update-access-key', UpdateCredentialRequest, async (r, ctx) => {
      if (r.credential.status === undefined && r.credential.description === undefined) {
        throw CredentialUpdateEmpty();
      }
      requireAccessKey(this.commands.state(ctx), r.access_key);
      let state = this.commands.state(ctx);
      if (r.credential.status !== undefined) {
        const status = r.credential.status;
        state = await this.commands.run(ctx, (now) => ({ type: 'SetAccessKeyStatus', actorId: ctx.userId, accessKey: r.access_key, status, now }));
      }
      if (r.credential.description !== undefined) {
        const description = r.credential.description;
        state = await this.commands.run(ctx, (now) => ({ type: 'SetAccessKeyDescription', actorId: ctx.userId, accessKey: r.access_key, description, now }));
      }
      return { credential: view(requireAccessKey(state, r.access_key)) };
    });
    onRequest(this.rpc, 'iam.delete-access-key', AccessKeyRequest, async (r, ctx) => {
      await this.commands.run(ctx, (now) => ({ type: 'DeleteAccessKey', actorId: ctx.userId, accessKey: r.access_key, now }));
      return {};
    });
  }
}
