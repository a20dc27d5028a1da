import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { IsDefined, IsString } from 'class-validator';
import { DewError, validateBody } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { domainOfAccessKey, findAccessKey, listProjects } from '@dew/iam-domain';
import { ROOT_KEY, RpcRegistry } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { IAM_SHAPE } from '../iam-shape.js';
import { secretAad } from './secrets.js';

class ResolveAccessKeyRequest {
  @IsDefined() @IsString() access_key!: string;
}

/**
 * For the gateway only (NATS permissions): the SK of a usable access key and who it belongs to.
 * Unknown, inactive and disabled-user keys all answer the same IAM.0002, so the gateway cannot be
 * used to tell them apart.
 */
@Injectable()
export class ResolveAccessKeyHandler implements OnModuleInit {
  constructor(
    private readonly accounts: Accounts,
    private readonly rpc: RpcRegistry,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
  ) {}

  onModuleInit(): void {
    this.rpc.register('iam.resolve-access-key', (body) => this.handle(body));
  }

  async handle(body: unknown) {
    const { access_key } = validateBody(ResolveAccessKeyRequest, body, IAM_SHAPE);
    const domainId = domainOfAccessKey(this.accounts.directory, access_key);
    const state = domainId ? this.accounts.of(domainId) : null;
    const found = state ? findAccessKey(state, access_key) : null;
    if (!state || !found || !found.usable) throw new DewError('IAM.0002', 'access key is unknown or not usable');
    const secret = await this.root.unwrap(Buffer.from(found.wrappedSecret, 'base64'), secretAad(access_key));
    return {
      secret: secret.toString('utf8'),
      user_id: found.user.id,
      user_name: found.user.name,
      domain_id: found.domain.id,
      domain_name: found.domain.name,
      is_domain_admin: found.user.isDomainAdmin,
      project_ids: listProjects(state).map((p) => p.id),
    };
  }
}
