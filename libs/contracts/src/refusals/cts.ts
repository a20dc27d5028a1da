import { DewError } from '../errors.js';

/** Refusals of trace queries, in CTS's family (docs/cts-traces.md). */
export const TraceLimitOutOfRange = (limit: number): DewError => new DewError('CTS.0003', `limit must be 1..200, got ${limit}`);
export const NotSystemTracker = (trackerName: string): DewError =>
  new DewError('CTS.0003', `tracker_name must be "system" for system traces, got "${trackerName}"`);
export const NotMillisTimestamp = (field: string, text: string): DewError =>
  new DewError('CTS.0003', `${field} must be a 13-digit UTC timestamp in milliseconds, got "${text.slice(0, 20)}"`);
export const InvertedTraceWindow = (from: number, to: number): DewError => new DewError('CTS.0003', `from (${from}) must not be after to (${to})`);
