/** The KMS screens' addresses (hash paths), shared by the route table and the links between screens. */
export const KMS_ROUTES = {
  list: '/kms/keys',
  create: '/kms/create-key',
  detail: '/kms/keys/:keyId',
} as const;
