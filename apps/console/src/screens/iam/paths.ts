/** The IAM screens' addresses (hash paths). */
export const IAM_ROUTES = {
  users: '/iam/users',
  createUser: '/iam/create-user',
  user: '/iam/users/:userId',
  groups: '/iam/groups',
  group: '/iam/groups/:groupId',
  policies: '/iam/policies',
  createPolicy: '/iam/create-policy',
  policy: '/iam/policies/:policyId',
} as const;
