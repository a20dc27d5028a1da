import type { ApiCredentials } from '../sdk-client.js';

/** What the load process is told (DEW_MIXED_LOAD, JSON). */
export interface MixedLoadOptions {
  readonly endpoint: string;
  readonly creds: ApiCredentials;
  /** The user the load's grants name. */
  readonly grantee: string;
  readonly workers: number;
  /** The client's bound on one call (below the gateway's 30 s bus timeout). */
  readonly timeoutMs: number;
  /** A secret value remembered by the test, so the end-of-suite scan looks for it. */
  readonly secretValue: string;
  /** Names of keys and secrets start with it (`<prefix>-<worker>-<n>`). */
  readonly prefix: string;
  /** Also create SSH key pairs (KPS). */
  readonly keypairs?: boolean;
}
