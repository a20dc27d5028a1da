import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Trace } from './trace.js';

export interface TraceQuery {
  readonly projectId: string;
  readonly from: number;
  readonly to: number;
  readonly limit: number;
  readonly next?: string;
  readonly traceId?: string;
  readonly serviceType?: string;
  readonly user?: string;
  readonly resourceId?: string;
  readonly resourceName?: string;
  readonly resourceType?: string;
  readonly traceName?: string;
  readonly traceRating?: string;
}

/**
 * The query side of the audit trail (ARCHITECTURE.md "Audit"): an embedded SQLite index under the
 * data dir, rebuildable from the streams, with the last applied sequence of every stream. Each
 * trace carries the hash of the previous trace of its project (tamper evidence).
 */
export class TraceIndex {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #head: Database.Statement;
  readonly #setHead: Database.Statement;
  readonly #setApplied: Database.Statement;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS traces (
        row INTEGER PRIMARY KEY AUTOINCREMENT, trace_id TEXT UNIQUE NOT NULL, project_id TEXT NOT NULL, time INTEGER NOT NULL,
        service_type TEXT, resource_type TEXT, resource_id TEXT, resource_name TEXT, trace_name TEXT, trace_rating TEXT,
        user_name TEXT, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS traces_project_time ON traces (project_id, time DESC, row DESC);
      CREATE INDEX IF NOT EXISTS traces_resource ON traces (project_id, resource_id);
      CREATE INDEX IF NOT EXISTS traces_name ON traces (project_id, trace_name);
      CREATE TABLE IF NOT EXISTS chain_heads (project_id TEXT PRIMARY KEY, hash TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS applied (stream TEXT PRIMARY KEY, seq INTEGER NOT NULL);`);
    this.#insert = this.#db.prepare(`INSERT OR IGNORE INTO traces (trace_id, project_id, time, service_type, resource_type, resource_id, resource_name, trace_name, trace_rating, user_name, body, prev_hash, hash)
      VALUES (@trace_id, @project_id, @time, @service_type, @resource_type, @resource_id, @resource_name, @trace_name, @trace_rating, @user_name, @body, @prev_hash, @hash)`);
    this.#head = this.#db.prepare('SELECT hash FROM chain_heads WHERE project_id = ?');
    this.#setHead = this.#db.prepare('INSERT INTO chain_heads (project_id, hash) VALUES (?, ?) ON CONFLICT(project_id) DO UPDATE SET hash = excluded.hash');
    this.#setApplied = this.#db.prepare('INSERT INTO applied (stream, seq) VALUES (?, ?) ON CONFLICT(stream) DO UPDATE SET seq = excluded.seq');
  }

  lastApplied(stream: string): number {
    const row = this.#db.prepare('SELECT seq FROM applied WHERE stream = ?').get(stream) as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  /** Adds the traces of one stream message and moves the stream's applied sequence, atomically. */
  add(stream: string, seq: number, traces: readonly Trace[]): void {
    this.#db.transaction(() => {
      for (const trace of traces) {
        const prev = (this.#head.get(trace.project_id) as { hash: string } | undefined)?.hash ?? '';
        const body = JSON.stringify(trace);
        const hash = createHash('sha256').update(prev).update(body).digest('hex');
        const result = this.#insert.run({
          trace_id: trace.trace_id, project_id: trace.project_id, time: trace.time, service_type: trace.service_type, resource_type: trace.resource_type,
          resource_id: trace.resource_id, resource_name: trace.resource_name, trace_name: trace.trace_name, trace_rating: trace.trace_rating,
          user_name: trace.user.name, body, prev_hash: prev, hash,
        });
        if (result.changes > 0) this.#setHead.run(trace.project_id, hash);
      }
      this.#setApplied.run(stream, seq);
    })();
  }

  query(q: TraceQuery): { traces: Trace[]; marker: string | null } {
    if (q.traceId) {
      const row = this.#db.prepare('SELECT body FROM traces WHERE project_id = ? AND trace_id = ?').get(q.projectId, q.traceId) as { body: string } | undefined;
      return { traces: row ? [JSON.parse(row.body) as Trace] : [], marker: null };
    }
    const where = ['project_id = @projectId', 'time > @from', 'time < @to'];
    const filters: [keyof TraceQuery, string][] = [
      ['serviceType', 'service_type'], ['user', 'user_name'], ['resourceId', 'resource_id'], ['resourceName', 'resource_name'],
      ['resourceType', 'resource_type'], ['traceName', 'trace_name'], ['traceRating', 'trace_rating'],
    ];
    for (const [field, column] of filters) if (q[field] !== undefined) where.push(`${column} = @${field}`);
    if (q.next) where.push('row < (SELECT row FROM traces WHERE trace_id = @next)');
    const rows = this.#db
      .prepare(`SELECT trace_id, body FROM traces WHERE ${where.join(' AND ')} ORDER BY row DESC LIMIT @limit`)
      .all({ ...q, limit: q.limit + 1 }) as { trace_id: string; body: string }[];
    const page = rows.slice(0, q.limit);
    return { traces: page.map((r) => JSON.parse(r.body) as Trace), marker: rows.length > q.limit ? (page[page.length - 1]?.trace_id ?? null) : null };
  }

  /** Walks a project's chain from the start; the first trace whose links do not hold, or null. */
  verifyChain(projectId: string): string | null {
    let prev = '';
    for (const row of this.#db.prepare('SELECT trace_id, body, prev_hash, hash FROM traces WHERE project_id = ? ORDER BY row').iterate(projectId) as Iterable<{ trace_id: string; body: string; prev_hash: string; hash: string }>) {
      const hash = createHash('sha256').update(prev).update(row.body).digest('hex');
      if (row.prev_hash !== prev || row.hash !== hash) return row.trace_id;
      prev = hash;
    }
    return null;
  }

  close(): void {
    this.#db.close();
  }
}
