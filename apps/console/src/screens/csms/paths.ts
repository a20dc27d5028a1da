/** The CSMS screens' addresses (hash paths), shared by the route table and the links between screens. */
export const CSMS_ROUTES = {
  list: '/csms/secrets',
  create: '/csms/create-secret',
  detail: '/csms/secrets/:name',
  events: '/csms/events',
} as const;
