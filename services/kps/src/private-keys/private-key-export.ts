import { Injectable } from '@nestjs/common';
import { kpsOperations, NoHostedPrivateKey } from '@dew/contracts';
import { requireVisibleKeypair } from '@dew/kps-domain';
import type { RequestContext } from '@dew/messaging';
import { Audit, auditTraceOf } from '@dew/nest-kit';
import { KeypairSets } from '../keypairs/keypair-sets.js';
import { PrivateKeyVault } from './private-key-vault.js';

const EXPORT_TRACE = auditTraceOf(kpsOperations.exportPrivateKey);

/**
 * A hosted private key in clear, for its caller only: the KMS key must be usable by that caller (P6).
 * Each export is an audited read (docs/architecture.md, "Audit"): no record, no key.
 */
@Injectable()
export class PrivateKeyExport {
  constructor(private readonly sets: KeypairSets, private readonly vault: PrivateKeyVault, private readonly audit: Audit) {}

  async export(ctx: RequestContext, name: string): Promise<{ name: string; private_key: string }> {
    const keypair = requireVisibleKeypair(this.sets.of(ctx), ctx.userId, name);
    if (!keypair.privateKey) throw NoHostedPrivateKey(name, 'an export');
    const privateKey = await this.vault.reveal(ctx, keypair.privateKey);
    await this.audit.record(ctx, {
      traceName: EXPORT_TRACE.name, resourceType: EXPORT_TRACE.resourceType, resourceId: name, resourceName: name,
      request: { keypair_name: name }, response: { keypair_name: name },
    });
    return { name, private_key: privateKey };
  }
}
