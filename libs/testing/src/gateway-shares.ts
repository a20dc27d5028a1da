/**
 * The environment of a system whose tests or benchmarks send more requests at once from one address
 * (unsigned, or before their access key is verified there) or with one access key than a
 * caller may hold even borrowing from an idle gateway (128 at the defaults; docs/input-limits.md,
 * "Fair shares of the gateway's requests in progress"): that caller's share, and the share of
 * requests not yet verified, are the whole limit (256).
 */
export const ONE_CALLER_MAY_FILL_THE_GATEWAY: Readonly<Record<string, string>> = {
  DEW_HTTP_MAX_IN_FLIGHT_PER_CALLER: '256',
  DEW_HTTP_MAX_IN_FLIGHT_UNVERIFIED: '256',
};
