import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { integerField, KeyNotFound, KeyOpRequest, type ListKeysReply, ListKeysRequest, validateBody } from '@dew/contracts';
import { findKey, listKeys, USER_KEY_QUOTA } from '@dew/kms-domain';
import type { RequestContext } from '@dew/messaging';
import { RpcRegistry } from '@dew/nest-kit';
import { KMS_SETTINGS, type KmsSettings } from '../settings.js';
import { Keyrings } from './keyrings.js';
import { KeyAccess } from './key-access.js';
import { toKeyDetails } from './key-details.js';

/** Grants per CMK; shown by user-quotas before grants exist. */
const GRANTS_PER_KEY_QUOTA = 100;

/** Reads of the keyring state: describe-key, list-keys, user-instances, user-quotas. */
@Injectable()
export class KeyQueriesHandler implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly access: KeyAccess,
    private readonly rpc: RpcRegistry,
    @Inject(KMS_SETTINGS) private readonly settings: KmsSettings,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.describe-key', async (body, ctx) => this.describe(body, ctx));
    this.rpc.register('kms.list-keys', async (body, ctx) => this.list(body, ctx));
    this.rpc.register('kms.user-instances', async (_body, ctx) => ({ instance_num: this.keyrings.of(ctx.projectId).userKeys }));
    this.rpc.register('kms.user-quotas', async (_body, ctx) => ({
      quotas: {
        resources: [
          { type: 'CMK', used: this.keyrings.of(ctx.projectId).userKeys, quota: USER_KEY_QUOTA },
          { type: 'grant_per_CMK', used: 0, quota: GRANTS_PER_KEY_QUOTA },
        ],
      },
    }));
  }

  describe(body: unknown, ctx: RequestContext) {
    const req = validateBody(KeyOpRequest, body);
    const key = findKey(this.access.resolve(ctx, req.key_id, 'describe-key'), req.key_id);
    if (!key) throw KeyNotFound(req.key_id.slice(0, 64));
    return { key_info: toKeyDetails(key, this.settings.service.region) };
  }

  list(body: unknown, ctx: RequestContext): ListKeysReply {
    const req = validateBody(ListKeysRequest, body);
    const page = listKeys(this.keyrings.of(ctx.projectId), {
      limit: req.limit === undefined ? 1000 : integerField('limit', req.limit, 'KMS.1601'),
      ...(req.marker !== undefined && req.marker !== '' ? { marker: integerField('marker', req.marker, 'KMS.1602') } : {}),
      ...(req.key_state !== undefined ? { keyState: req.key_state } : {}),
      ...(req.key_spec !== undefined ? { keySpec: req.key_spec } : {}),
      ...(req.enterprise_project_id !== undefined ? { enterpriseProjectId: req.enterprise_project_id } : {}),
    });
    return {
      keys: page.keys.map((k) => k.keyId),
      key_details: page.keys.map((k) => toKeyDetails(k, this.settings.service.region)),
      next_marker: page.nextMarker,
      truncated: page.truncated ? 'true' : 'false',
      total: page.total,
    };
  }
}
