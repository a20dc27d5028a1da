import type { HsmListItem } from '../../api/dhsm';

/** The lifecycle as the guide tells it (4.2.1, 4.2.2): the steps a new instance goes through, in order. */
export const LIFECYCLE = ['Installing', 'To be activated', 'Creating', 'Running'] as const;

/** States the service moves on by itself (install 10 minutes, creation 5): the console keeps asking. */
export const isProvisioning = (i: Pick<HsmListItem, 'status'>) => i.status === 'Installing' || i.status === 'Creating';
export const canActivate = (i: Pick<HsmListItem, 'status'>) => i.status === 'To be activated';
/** docs/hsm.md: deletion from To be activated, Creation failed, Running or Frozen. */
export const canDelete = (i: Pick<HsmListItem, 'status'>) => ['To be activated', 'Creation failed', 'Running', 'Frozen'].includes(i.status);

/** docs/hsm.md, "Lifecycle": a running instance is renewed from its expiry, a frozen one from now. */
export const canRenew = (i: Pick<HsmListItem, 'status'>) => i.status === 'Running' || i.status === 'Frozen';

/** ISO 8601 from the API, shown in the viewer's zone; null (not yet activated) as a dash. */
export function formatIso(iso: string | null | undefined): string {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

/** How often a provisioning instance is asked for again. */
export const POLL_MS = 2_000;

/** A message about the instance, and the status it was seen in once the page loaded it again. */
export interface Note {
  readonly message: string;
  readonly status?: string;
}
export const noteOf = (message: string | null): Note | null => (message === null ? null : { message });

/**
 * The message of an action ("activated: Creating") holds while the instance stays in the status
 * the page saw after it; once the instance moves on (Running), the message says where it is now.
 */
export function followed(note: Note | null, i: Pick<HsmListItem, 'status' | 'name' | 'id'> | null): Note | null {
  if (!note || !i) return note;
  if (note.status === undefined) return { ...note, status: i.status };
  return note.status === i.status ? note : { message: `Instance ${i.name || i.id} is now ${i.status}.`, status: i.status };
}
