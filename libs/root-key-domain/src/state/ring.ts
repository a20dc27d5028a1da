import type { Instant } from '@dew/decider';
import { ROOT_KEY_HOLDERS, type RootKeyHolder } from './holders.js';

export type RootKeyProviderKind = 'file' | 'pkcs11';

export interface RootKeyVersionState {
  readonly version: number;
  /** Unknown for version 1, which exists before any event. */
  readonly provider?: RootKeyProviderKind;
  readonly createdAt?: Instant;
  readonly retiredAt?: Instant;
}

/** The deployment's root key versions and how far each holder re-wrapped (stream ROOT_KEY). */
export interface RootKeyRing {
  readonly current: number;
  /** Every version ever known, by number; version 1 is there from the start. */
  readonly versions: Readonly<Record<number, RootKeyVersionState>>;
  /** Per holder, the newest version it reported every entry re-wrapped to (1: nothing to do yet). */
  readonly rewrapped: Readonly<Record<RootKeyHolder, number>>;
}

export const initialRootKeyRing: RootKeyRing = {
  current: 1,
  versions: { 1: { version: 1 } },
  rewrapped: Object.fromEntries(ROOT_KEY_HOLDERS.map((h) => [h, 1])) as Record<RootKeyHolder, number>,
};

/** Versions not retired, ascending. */
export function liveVersions(ring: RootKeyRing): number[] {
  return Object.values(ring.versions)
    .filter((v) => v.retiredAt === undefined)
    .map((v) => v.version)
    .sort((a, b) => a - b);
}

export const retiredVersions = (ring: RootKeyRing): number[] =>
  Object.values(ring.versions)
    .filter((v) => v.retiredAt !== undefined)
    .map((v) => v.version);

/** A rotation is in progress while a version older than the current one is live. */
export const rotationInProgress = (ring: RootKeyRing): boolean => liveVersions(ring).some((v) => v < ring.current);

/** Holders that have not yet re-wrapped everything to the current version. */
export const pendingHolders = (ring: RootKeyRing): RootKeyHolder[] => ROOT_KEY_HOLDERS.filter((h) => ring.rewrapped[h] < ring.current);
