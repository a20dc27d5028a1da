import type { Instant } from '@dew/decider';

/** Events of the administrator's UKey (docs/hsm.md, "UKey"); its issue is part of `HsmActivated`. */

/** The private half was handed out, once; the service shreds its sealed copy after this. */
export interface HsmUkeyDownloaded {
  readonly type: 'HsmUkeyDownloaded';
  readonly instanceId: string;
  readonly fingerprint: string;
  readonly at: Instant;
}

export type HsmUkeyEvent = HsmUkeyDownloaded;
