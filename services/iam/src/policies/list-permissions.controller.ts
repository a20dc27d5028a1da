import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { iamOperations, type ReplyOf, type ListRolesRequest } from '@dew/contracts';
import type { RequestContext } from '@dew/messaging';
import { Caller, Handles } from '@dew/nest-kit';
import { PermissionCatalog } from './permission-catalog.js';

/** `GET /v3/roles`: system permissions, or the account's custom policies. */
@Controller()
export class ListPermissionsController {
  constructor(private readonly catalog: PermissionCatalog) {}

  @Handles(iamOperations.listPermissions)
  list(@Payload() r: ListRolesRequest, @Caller() ctx: RequestContext): ReplyOf<typeof iamOperations.listPermissions> {
    return this.catalog.list(r, ctx);
  }
}
