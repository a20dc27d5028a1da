import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsString } from 'class-validator';
import { DewError, KeyNotFound, KeyOpRequest, KmsInternalFault, KmsRequest, validateBody } from '@dew/contracts';
import { MaterialGenerator, OwnerKeys } from '@dew/crypto';
import { decide, findDefaultKey, findKey, keyDependents } from '@dew/kms-domain';
import { request, type RequestContext } from '@dew/messaging';
import type { NatsConnection } from '@nats-io/transport-node';
import { Audit, Clock, NATS_CONNECTION, RpcRegistry } from '@dew/nest-kit';
import { randomUUID } from 'node:crypto';
import { Keyrings } from './keyrings.js';
import { UsableKeys } from '../crypto/usable-key.js';

class MoveRequest extends KeyOpRequest {
  @IsDefined() @IsString() enterprise_project_id!: string;
}
/** Services whose resources are protected by KMS keys and answer `<service>.key-dependents`. */
const DEPENDENT_SERVICES = ['csms'] as const;

interface Dependent {
  readonly service: string;
  readonly resource_type: string;
  readonly resource_id: string;
  readonly resource_name: string;
}

class EnsureDefaultKeyRequest extends KmsRequest {
  @IsDefined() @IsString() service!: string;
}

/**
 * DEW extensions (docs/api-decisions.md, "Extensions") and internal operations: moving a key between enterprise projects
 * (K15), the deletion-risk report (K16), and `ensure-default-key`, which other services call to
 * get `<service>/default` (K3), created on first use; concurrent first uses create one key.
 */
@Injectable()
export class KeyExtensionsHandler implements OnModuleInit {
  constructor(
    private readonly keyrings: Keyrings,
    private readonly crypto: OwnerKeys,
    private readonly generator: MaterialGenerator,
    private readonly audit: Audit,
    private readonly clock: Clock,
    private readonly rpc: RpcRegistry,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly keys: UsableKeys,
  ) {}

  onModuleInit(): void {
    this.rpc.register('kms.update-key-enterprise-project', async (body, ctx) => {
      const req = validateBody(MoveRequest, body);
      const { state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'MoveKeyToEnterpriseProject', keyId: req.key_id, enterpriseProjectId: req.enterprise_project_id, now: this.clock.now() }));
      const key = findKey(state, req.key_id);
      return { key_info: { key_id: req.key_id, enterprise_project_id: key?.enterpriseProjectId ?? req.enterprise_project_id } };
    });
    this.rpc.register('kms.delete-key-risk-tips', async (body, ctx) => {
      const req = validateBody(KeyOpRequest, body);
      const key = findKey(this.keyrings.of(ctx.projectId), req.key_id);
      if (!key) throw KeyNotFound(req.key_id.slice(0, 64));
      const { grants } = keyDependents(this.keyrings.of(ctx.projectId), req.key_id);
      const dependents = (await Promise.all(DEPENDENT_SERVICES.map((service) => this.#dependentsIn(service, key.keyId, ctx)))).flat();
      await this.audit.record(ctx, { traceName: 'deleteKeyRiskTips', resourceType: 'cmk', resourceId: key.keyId, resourceName: key.alias, request: { key_id: key.keyId } });
      const lastUsed = this.keys.lastUsed(key.keyId);
      return { key_id: key.keyId, dependents, grants, last_used_time: lastUsed === undefined ? '' : String(lastUsed) };
    });
    this.rpc.register('kms.ensure-default-key', (body, ctx) => this.ensureDefault(validateBody(EnsureDefaultKeyRequest, body), ctx));
  }

  /** A service that is not deployed has no dependents; any other failure fails the report. */
  async #dependentsIn(service: string, keyId: string, ctx: RequestContext): Promise<Dependent[]> {
    try {
      return (await request<{ dependents: Dependent[] }>(this.nc, `${service}.key-dependents`, { key_id: keyId }, ctx, { timeoutMs: 5000 })).dependents;
    } catch (err) {
      if (err instanceof DewError && err.status === 503) return [];
      throw err;
    }
  }

  async ensureDefault(req: EnsureDefaultKeyRequest, ctx: RequestContext) {
    const existing = findDefaultKey(this.keyrings.of(ctx.projectId), req.service);
    if (existing) return { key_id: existing.keyId };
    const keyId = randomUUID();
    const generated = await this.generator.generate('AES_256');
    await this.crypto.create(keyId);
    const material = { version: 1, wrapped: (await this.crypto.seal(keyId, 1, generated.secret)).toString('base64') };
    generated.secret.fill(0);
    const { state } = await this.keyrings.execute(ctx, (s) => decide(s, { type: 'EnsureDefaultKey', keyId, domainId: ctx.domainId, service: req.service, now: this.clock.now(), material }));
    const winner = findDefaultKey(state, req.service);
    // A concurrent first use won: this attempt's keyring entry is unused and is erased.
    if (winner?.keyId !== keyId) await this.crypto.destroy(keyId);
    if (!winner) throw KmsInternalFault(`default key of ${req.service} was not created`);
    return { key_id: winner.keyId };
  }
}
