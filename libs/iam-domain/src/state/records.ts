export { assertNever } from '@dew/decider';
/** Small helpers for readonly, copy-on-write records keyed by ids that may come from a request. */

/** The record's own value for `key`, never an inherited one (`constructor`, `__proto__`, …). */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A copy of `record` with `key` set to `value`. */
export function withEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T): Readonly<Record<string, T>> {
  return { ...record, [key]: value };
}

/** A copy of `record` without `key` (the same object when the key is absent). */
export function withoutEntry<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!Object.hasOwn(record, key)) return record;
  const copy: Record<string, T> = { ...record };
  delete copy[key];
  return copy;
}

/** A copy of `record` with `key`'s value changed (the same object when the key is absent). */
export function withChangedEntry<T>(record: Readonly<Record<string, T>>, key: string, change: (value: T) => T): Readonly<Record<string, T>> {
  const value = own(record, key);
  return value === undefined ? record : withEntry(record, key, change(value));
}
