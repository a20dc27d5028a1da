import { assertNever } from '@dew/decider';
import type { RootKeyHolder } from './state/holders.js';
import type { RootKeyRingEvent } from './root-key-ring.decider.js';

/**
 * Who wrote a message of the ring, as its subject tells (each NATS user may append only to its own
 * subject: libs/messaging/src/permissions.ts): `dew root-key rotate`, or one holder.
 */
export type RootKeyRingWriter = { readonly tool: true } | { readonly holder: RootKeyHolder };

/**
 * Whether `writer` may have written `e`: versions come from the rotation tool only; a holder writes
 * its own report and the retirement that report completes. The ring folds only such events, so
 * no holder can report for another (and have a version retired under its blobs).
 */
export function mayWriteOnRing(writer: RootKeyRingWriter, e: RootKeyRingEvent): boolean {
  switch (e.type) {
    case 'RootKeyVersionCreated':
      return 'tool' in writer;
    case 'RootKeyRewrapCompleted':
      return 'holder' in writer && writer.holder === e.holder;
    case 'RootKeyVersionRetired':
      return 'holder' in writer;
    default:
      return assertNever(e);
  }
}
