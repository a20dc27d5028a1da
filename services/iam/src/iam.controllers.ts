import type { Type } from '@nestjs/common';
import { CreateAccessKeyController } from './access-keys/create-access-key.controller.js';
import { DeleteAccessKeyController } from './access-keys/delete-access-key.controller.js';
import { ListAccessKeysController } from './access-keys/list-access-keys.controller.js';
import { ShowAccessKeyController } from './access-keys/show-access-key.controller.js';
import { UpdateAccessKeyController } from './access-keys/update-access-key.controller.js';
import { AuthenticateController } from './authn/authenticate.controller.js';
import { DecideController } from './authn/decide.controller.js';
import { BootstrapController } from './bootstrap/bootstrap.controller.js';
import { AddUserToGroupController } from './groups/add-user-to-group.controller.js';
import { CheckUserInGroupController } from './groups/check-user-in-group.controller.js';
import { CreateGroupController } from './groups/create-group.controller.js';
import { DeleteGroupController } from './groups/delete-group.controller.js';
import { ListGroupsController } from './groups/list-groups.controller.js';
import { ListUsersForGroupController } from './groups/list-users-for-group.controller.js';
import { RemoveUserFromGroupController } from './groups/remove-user-from-group.controller.js';
import { ShowGroupController } from './groups/show-group.controller.js';
import { UpdateGroupController } from './groups/update-group.controller.js';
import { AttachPolicyAllProjectsController } from './policies/attach-policy-all-projects.controller.js';
import { AttachPolicyDomainController } from './policies/attach-policy-domain.controller.js';
import { AttachPolicyProjectController } from './policies/attach-policy-project.controller.js';
import { CheckPolicyAllProjectsController } from './policies/check-policy-all-projects.controller.js';
import { CheckPolicyDomainController } from './policies/check-policy-domain.controller.js';
import { CheckPolicyProjectController } from './policies/check-policy-project.controller.js';
import { CreatePolicyController } from './policies/create-policy.controller.js';
import { DeletePolicyController } from './policies/delete-policy.controller.js';
import { DetachPolicyAllProjectsController } from './policies/detach-policy-all-projects.controller.js';
import { DetachPolicyDomainController } from './policies/detach-policy-domain.controller.js';
import { DetachPolicyProjectController } from './policies/detach-policy-project.controller.js';
import { ListPermissionsController } from './policies/list-permissions.controller.js';
import { ListPoliciesAllProjectsController } from './policies/list-policies-all-projects.controller.js';
import { ListPoliciesDomainController } from './policies/list-policies-domain.controller.js';
import { ListPoliciesProjectController } from './policies/list-policies-project.controller.js';
import { ListPoliciesController } from './policies/list-policies.controller.js';
import { ListRoleAssignmentsController } from './policies/list-role-assignments.controller.js';
import { ShowPermissionController } from './policies/show-permission.controller.js';
import { ShowPolicyController } from './policies/show-policy.controller.js';
import { UpdatePolicyController } from './policies/update-policy.controller.js';
import { ListProjectsController } from './projects/list-projects.controller.js';
import { ShowProjectController } from './projects/show-project.controller.js';
import { CreateTokenController } from './tokens/create-token.controller.js';
import { ListAuthDomainsController } from './tokens/list-auth-domains.controller.js';
import { ListAuthProjectsController } from './tokens/list-auth-projects.controller.js';
import { ValidateTokenController } from './tokens/validate-token.controller.js';
import { ChangeOwnPasswordController } from './users/change-own-password.controller.js';
import { CreateUserController } from './users/create-user.controller.js';
import { DeleteUserController } from './users/delete-user.controller.js';
import { ListGroupsForUserController } from './users/list-groups-for-user.controller.js';
import { ListUsersController } from './users/list-users.controller.js';
import { OsCreateUserController } from './users/os-create-user.controller.js';
import { OsShowUserController } from './users/os-show-user.controller.js';
import { OsUpdateUserController } from './users/os-update-user.controller.js';
import { ShowUserController } from './users/show-user.controller.js';
import { UpdateUserController } from './users/update-user.controller.js';

/** One controller per served row of the iam table (docs/architecture.md, "Operations"). */
export const IAM_CONTROLLERS: readonly Type[] = [
  CreateAccessKeyController,
  DeleteAccessKeyController,
  ListAccessKeysController,
  ShowAccessKeyController,
  UpdateAccessKeyController,
  AuthenticateController,
  DecideController,
  BootstrapController,
  AddUserToGroupController,
  CheckUserInGroupController,
  CreateGroupController,
  DeleteGroupController,
  ListGroupsController,
  ListUsersForGroupController,
  RemoveUserFromGroupController,
  ShowGroupController,
  UpdateGroupController,
  AttachPolicyAllProjectsController,
  AttachPolicyDomainController,
  AttachPolicyProjectController,
  CheckPolicyAllProjectsController,
  CheckPolicyDomainController,
  CheckPolicyProjectController,
  CreatePolicyController,
  DeletePolicyController,
  DetachPolicyAllProjectsController,
  DetachPolicyDomainController,
  DetachPolicyProjectController,
  ListPermissionsController,
  ListPoliciesAllProjectsController,
  ListPoliciesDomainController,
  ListPoliciesProjectController,
  ListPoliciesController,
  ListRoleAssignmentsController,
  ShowPermissionController,
  ShowPolicyController,
  UpdatePolicyController,
  ListProjectsController,
  ShowProjectController,
  CreateTokenController,
  ListAuthDomainsController,
  ListAuthProjectsController,
  ValidateTokenController,
  ChangeOwnPasswordController,
  CreateUserController,
  DeleteUserController,
  ListGroupsForUserController,
  ListUsersController,
  OsCreateUserController,
  OsShowUserController,
  OsUpdateUserController,
  ShowUserController,
  UpdateUserController,
];
