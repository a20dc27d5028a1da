/** Writes one event line for the supervising process (never key material, PINs or secrets). */
export type Report = (event: string, fields: Record<string, unknown>) => void;
