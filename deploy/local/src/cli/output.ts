import { UsageError } from './usage-error.js';

/** The part of a reply `--query` names: dotted fields and indexes; `*` maps over a list. */
export function pick(value: unknown, path: string): unknown {
  const [head, ...rest] = path.split('.');
  if (head === undefined || head === '') return value;
  const tail = rest.join('.');
  if (head === '*') {
    if (!Array.isArray(value)) throw new UsageError(`--query: "*" applies to a list, found ${value === null ? 'null' : typeof value}`);
    return value.map((item) => pick(item, tail));
  }
  if (value === null || typeof value !== 'object') return undefined;
  const next = Array.isArray(value) ? value[Number(head)] : (value as Record<string, unknown>)[head];
  return rest.length === 0 ? next : pick(next, tail);
}

const cellOf = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The list a reply carries: itself, or its first field holding a list of objects (list-keys' `key_details` over its `keys`), else of anything. */
export function listOf(reply: unknown): unknown[] | undefined {
  if (Array.isArray(reply)) return reply;
  if (!isRecord(reply)) return undefined;
  const lists = Object.values(reply).filter((v): v is unknown[] => Array.isArray(v));
  return lists.find((l) => l.length > 0 && l.every(isRecord)) ?? lists[0];
}

/** `{keypair: {…}}` → `{…}`: items wrapped in a one-field object (KPS lists) show their fields. */
function unwrapped(item: unknown): unknown {
  if (!isRecord(item)) return item;
  const values = Object.values(item);
  return values.length === 1 && isRecord(values[0]) ? values[0] : item;
}

function grid(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * `--output table`: the reply's list as columns (one per field of its items, in first-seen order),
 * or a one-item answer as field/value lines.
 */
export function renderTable(reply: unknown): string {
  const list = listOf(reply)?.map(unwrapped);
  if (list && list.length > 0 && list.every(isRecord)) {
    const columns = [...new Set(list.flatMap((item) => Object.keys(item as object)))];
    return grid(columns, list.map((item) => columns.map((c) => cellOf((item as Record<string, unknown>)[c]))));
  }
  if (list) return grid(['value'], list.map((v) => [cellOf(v)]));
  if (reply !== null && typeof reply === 'object') return grid(['field', 'value'], Object.entries(reply).map(([k, v]) => [k, cellOf(v)]));
  return cellOf(reply);
}

/** What is printed: text bare (usable in scripts), anything else as indented JSON or a table. */
export function render(reply: unknown, output: 'json' | 'table'): string {
  if (typeof reply === 'string') return reply;
  if (output === 'table') return renderTable(reply);
  return JSON.stringify(reply ?? null, null, 2);
}
