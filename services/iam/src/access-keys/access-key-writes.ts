import { Inject, Injectable } from '@nestjs/common';
import { CredentialUpdateEmpty, type CreateCredentialFields, type UpdateCredentialRequest } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { requireAccessKey, type AccessKeyInfo } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { ROOT_KEY } from '@dew/nest-kit';
import { AccountCommands } from '../accounts/account-commands.js';
import { newAccessKeyId, newSecretKey, secretAad } from './secrets.js';

/**
 * Permanent access keys: the SK is answered once, at creation, and stored only wrapped by the
 * root key; at most 2 per user (the domain refuses a third with IAM.0004).
 */
@Injectable()
export class AccessKeyWrites {
  constructor(
    private readonly commands: AccountCommands,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
  ) {}

  async create(fields: CreateCredentialFields, ctx: RequestContext): Promise<{ key: AccessKeyInfo; secret: string }> {
    const accessKey = newAccessKeyId();
    const secret = newSecretKey();
    const wrappedSecret = (await this.root.wrap(Buffer.from(secret, 'utf8'), secretAad(accessKey))).toString('base64');
    const state = await this.commands.run(ctx, (now) => ({
      type: 'CreateAccessKey',
      actorId: ctx.userId,
      accessKey,
      userId: fields.user_id,
      wrappedSecret,
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      now,
    }));
    return { key: requireAccessKey(state, accessKey), secret };
  }

  /** A new status, a new description or both: each is its own command (and event). */
  async update(r: UpdateCredentialRequest, ctx: RequestContext): Promise<AccessKeyInfo> {
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
    return requireAccessKey(state, r.access_key);
  }
}
