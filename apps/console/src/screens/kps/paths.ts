/** The KPS screens' addresses (hash paths), shared by the route table and the links between screens. */
export const KPS_ROUTES = {
  list: '/kps/keypairs',
  create: '/kps/create-keypair',
  import: '/kps/import-keypair',
  detail: '/kps/keypairs/:name',
  servers: '/kps/servers',
  registerServer: '/kps/register-server',
} as const;
