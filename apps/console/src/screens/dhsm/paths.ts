/** The Dedicated HSM screens' addresses (hash paths). */
export const DHSM_ROUTES = {
  list: '/dhsm/instances',
  create: '/dhsm/create',
  detail: '/dhsm/instances/:instanceId',
} as const;
