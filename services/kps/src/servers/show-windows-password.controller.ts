import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { allowListed, BoundKeypairNotVisible, kpsOperations, NoHostedPrivateKey, NoWindowsPassword, type ReplyOf, type WindowsPasswordRequest } from '@dew/contracts';
import { boundKeypairSeenBy, requireServer, requireVisibleKeypair, type Keypair, type KeypairSet, type Server } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Audit, auditTraceOf, Caller, Handles } from '@dew/nest-kit';
import { decryptWindowsPassword } from '@dew/ssh-keys';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { asField, loginPrivateKey } from '../keypairs/key-material.js';
import { PrivateKeyVault } from '../private-keys/private-key-vault.js';

const READ_TRACE = auditTraceOf(kpsOperations.showWindowsPassword);

/**
 * POST dew-servers/{server_id}/windows-password (P7): the administrator password, RSA-decrypted.
 * An audited read (docs/architecture.md, "Audit"): no record, no password.
 */
@Controller()
export class ShowWindowsPasswordController {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault, private readonly audit: Audit) {}

  @Handles(kpsOperations.showWindowsPassword)
  async show(@Payload() r: WindowsPasswordRequest, @Caller() ctx: RequestContext): Promise<ReplyOf<typeof kpsOperations.showWindowsPassword>> {
    const set = this.sets.of(ctx);
    const server = requireServer(set, ctx.projectId, r.server_id);
    if (server.encryptedPassword === null) throw NoWindowsPassword(r.server_id);
    const privateKey = r.private_key !== undefined
      ? loginPrivateKey('private_key', r.private_key)
      : await this.#hosted(ctx, r.keypair_name !== undefined ? requireVisibleKeypair(set, ctx.userId, r.keypair_name) : boundPair(set, ctx.userId, server), r.keypair_name ?? server.keypairName);
    const password = asField('encrypted_password', () => decryptWindowsPassword(privateKey, server.encryptedPassword as string));
    await this.audit.record(ctx, {
      traceName: READ_TRACE.name, resourceType: READ_TRACE.resourceType, resourceId: server.id, resourceName: server.name,
      request: allowListed(r, ['server_id', 'keypair_name']), response: { server_id: server.id },
    });
    return { password };
  }

  async #hosted(ctx: RequestContext, keypair: Keypair | undefined, name: string | null): Promise<string> {
    if (!keypair?.privateKey) throw NoHostedPrivateKey(name ?? '', 'decrypting the password: give private_key, or keypair_name of a pair whose private key KPS hosts');
    return this.vault.reveal(ctx, keypair.privateKey);
  }
}

/** The server's pair, only if the caller can see it: its private key decrypts for the caller (a decryption oracle otherwise). */
function boundPair(set: KeypairSet, userId: string, server: Server): Keypair | undefined {
  if (server.keypairId === null) return undefined;
  const pair = boundKeypairSeenBy(set, userId, server);
  if (!pair) throw BoundKeypairNotVisible(server.id, 'reading its Windows password');
  return pair;
}
