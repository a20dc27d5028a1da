import { Injectable } from '@nestjs/common';
import { DewError, KeyNotFound, kmsOperations, namesAlias } from '@dew/contracts';
import { systemContext } from '@dew/messaging';
import { Bus } from '@dew/nest-kit';
import type { RouteSpec } from '../routes/route.js';

/**
 * The one step between "the key named" and "the key asked about" (docs/authorization.md, "The
 * key asked about"): on routes whose `key_id` may be an alias, an alias is replaced by the key it
 * names in the request's project, so IAM, grants, the service and the trace all see the real
 * key. An alias unknown in that project is refused like an unknown key; like every refusal that
 * depends on the request, it is raised only once the caller is authenticated.
 */
@Injectable()
export class AliasTarget {
  constructor(private readonly bus: Bus) {}

  async keyOf(route: RouteSpec, named: string | undefined | DewError, projectId: string | undefined, requestId: string): Promise<string | undefined | DewError> {
    if (!route.keyByAlias || typeof named !== 'string' || !namesAlias(named) || !projectId) return named;
    try {
      const { key_id } = await this.bus.call(kmsOperations.resolveAlias, { alias: named }, systemContext(requestId, projectId));
      return key_id;
    } catch (err) {
      if (err instanceof DewError) return err.code === 'KMS.0207' ? KeyNotFound(named.slice(0, 255)) : err;
      throw err;
    }
  }
}
