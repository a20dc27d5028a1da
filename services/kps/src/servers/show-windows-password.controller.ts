import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { kpsOperations, NoHostedPrivateKey, NoWindowsPassword, type ReplyOf, type WindowsPasswordRequest } from '@dew/contracts';
import { findKeypairById, requireServer } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { decryptWindowsPassword } from '@dew/ssh-keys';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { asField, loginPrivateKey } from '../keypairs/key-material.js';
import { PrivateKeyVault } from '../private-keys/private-key-vault.js';

/** POST dew-servers/{server_id}/windows-password (P7): the administrator password, RSA-decrypted. */
@Controller()
export class ShowWindowsPasswordController {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault) {}

  @Handles(kpsOperations.showWindowsPassword)
  async show(@Payload() r: WindowsPasswordRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.showWindowsPassword>> {
    const set = this.sets.of(ctx);
    const server = requireServer(set, ctx.projectId, r.server_id);
    if (server.encryptedPassword === null) throw NoWindowsPassword(r.server_id);
    const privateKey = r.private_key !== undefined ? loginPrivateKey('private_key', r.private_key) : await this.#hosted(ctx, set, server.keypairId, server.keypairName);
    return { password: asField('encrypted_password', () => decryptWindowsPassword(privateKey, server.encryptedPassword as string)) };
  }

  async #hosted(ctx: RequestContext, set: ReturnType<KeypairSets['of']>, keypairId: number | null, name: string | null): Promise<string> {
    const keypair = keypairId === null ? undefined : findKeypairById(set, keypairId);
    if (!keypair?.privateKey) throw NoHostedPrivateKey(name ?? '', 'give private_key to decrypt the password');
    return this.vault.reveal(ctx, keypair.privateKey);
  }
}
