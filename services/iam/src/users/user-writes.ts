import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { passwordStrength, requireUser, type ActiveAccount, type User } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { AccountCommands } from '../accounts/account-commands.js';
import { checkPasswordRules, hashPassword } from './passwords.js';

export const newId = () => randomBytes(16).toString('hex');

/** The fields both user APIs (Keystone `/v3/users` and `/v3.0/OS-USER/users`) write. */
export interface UserFieldValues {
  readonly name?: string;
  readonly password?: string;
  readonly enabled?: boolean;
  readonly description?: string;
}

/** A password checked against the rules, then kept only as its scrypt hash and strength. */
async function newPassword(password: string, userName: string) {
  checkPasswordRules(password, userName);
  return { passwordHash: await hashPassword(password), passwordStrength: passwordStrength(password) };
}

/** Creating and changing users, shared by both user APIs. */
@Injectable()
export class UserWrites {
  constructor(private readonly commands: AccountCommands) {}

  async create(fields: UserFieldValues & { readonly name: string }, ctx: RequestContext): Promise<{ state: ActiveAccount; user: User }> {
    const password = fields.password !== undefined ? await newPassword(fields.password, fields.name) : { passwordHash: null };
    const userId = newId();
    let state = await this.commands.run(ctx, (now) => ({
      type: 'CreateUser',
      userId,
      name: fields.name,
      ...password,
      isDomainAdmin: false,
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      now,
    }));
    if (fields.enabled === false) state = await this.commands.run(ctx, (now) => ({ type: 'DisableUser', actorId: ctx.userId, userId, now }));
    return { state, user: requireUser(state, userId) };
  }

  async update(userId: string, fields: UserFieldValues, ctx: RequestContext): Promise<{ state: ActiveAccount; user: User }> {
    const current = requireUser(this.commands.state(ctx), userId);
    const password = fields.password !== undefined ? await newPassword(fields.password, fields.name ?? current.name) : {};
    const state = await this.commands.run(ctx, (now) => ({
      type: 'UpdateUser',
      actorId: ctx.userId,
      userId,
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.enabled !== undefined ? { enabled: fields.enabled } : {}),
      ...password,
      now,
    }));
    return { state, user: requireUser(state, userId) };
  }
}
