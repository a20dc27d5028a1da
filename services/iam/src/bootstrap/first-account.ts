import { Inject, Injectable } from '@nestjs/common';
import type { BootstrapRequest } from '@dew/contracts';
import type { RootKeyProvider } from '@dew/crypto';
import { decide, domainIdByName, findUserByName, listAccessKeys, listProjects } from '@dew/iam-domain';
import type { RequestContext } from '@dew/messaging';
import { Clock, ROOT_KEY, SERVICE_SETTINGS, type ServiceSettings } from '@dew/nest-kit';
import { Accounts } from '../accounts/accounts.js';
import { newAccessKeyId, newHexId, newSecretKey, secretAad } from '../access-keys/secrets.js';

/**
 * First start: the administrator's account, project, user and access key in one decision. The SK
 * is answered only then (the runner shows it once and writes the 0600 file); later calls answer
 * the existing ids without it.
 */
@Injectable()
export class FirstAccount {
  constructor(
    private readonly accounts: Accounts,
    private readonly clock: Clock,
    @Inject(ROOT_KEY) private readonly root: RootKeyProvider,
    @Inject(SERVICE_SETTINGS) private readonly settings: ServiceSettings,
  ) {}

  async bootstrap(req: BootstrapRequest, ctx: RequestContext) {
    const existing = domainIdByName(this.accounts.directory, req.domain_name);
    if (existing) return this.#describe(existing, req.user_name);

    const domainId = newHexId();
    const accessKey = newAccessKeyId();
    const secret = newSecretKey();
    const wrappedSecret = (await this.root.wrap(Buffer.from(secret, 'utf8'), secretAad(accessKey))).toString('base64');
    const ids = { domainId, projectId: newHexId(), userId: newHexId() };
    await this.accounts.execute(ctx, domainId, (state) =>
      decide(state, {
        type: 'BootstrapDomain',
        ...ids,
        domainName: req.domain_name,
        projectName: this.settings.region,
        userName: req.user_name,
        passwordHash: null,
        accessKey,
        wrappedSecret,
        now: this.clock.now(),
      }),
    );
    return { created: true, domain_id: domainId, project_id: ids.projectId, user_id: ids.userId, user_name: req.user_name, access: accessKey, secret };
  }

  #describe(domainId: string, userName: string) {
    const state = this.accounts.of(domainId);
    const user = findUserByName(state, userName);
    const project = listProjects(state)[0];
    const key = user ? listAccessKeys(state, user.id)[0] : undefined;
    return { created: false, domain_id: domainId, project_id: project?.id ?? '', user_id: user?.id ?? '', user_name: userName, access: key?.accessKey ?? '' };
  }
}
