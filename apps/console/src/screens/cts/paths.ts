/** The CTS screen's address (hash path). */
export const CTS_ROUTES = {
  traces: '/cts/traces',
} as const;
