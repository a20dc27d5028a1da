import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { digestDoc, type Cut, type DocDigest } from '@dew/event-sourcing';
import { traceDoc, type EnterpriseProjects, type ScopedTrace, type Trace } from '@dew/read-models';

export interface TraceQuery {
  /** Scopes the caller may see: its project and its account (`domain:<id>`). */
  readonly scopes: readonly string[];
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
  readonly accessKeyId?: string;
  readonly enterpriseProjectId?: string;
}

/** The first link of a scope's chain that does not hold. */
export interface BrokenLink {
  readonly scope: string;
  readonly traceId: string;
  readonly reason: string;
}

const FILTERS: ReadonlyArray<[keyof TraceQuery, string]> = [
  ['serviceType', 'service_type'], ['user', 'user_name'], ['resourceId', 'resource_id'], ['resourceName', 'resource_name'],
  ['resourceType', 'resource_type'], ['traceName', 'trace_name'], ['traceRating', 'trace_rating'],
  ['accessKeyId', 'access_key_id'], ['enterpriseProjectId', 'enterprise_project_id'],
];

/**
 * The layout of the tables. An index of another layout is dropped and rebuilt from the streams
 * (it is a read model: every trace it held is derived again from the stream messages).
 */
const SCHEMA_VERSION = 2;

const linkHash = (prev: string, body: string): string => createHash('sha256').update(prev).update(body).digest('hex');

/**
 * The query side of the audit trail (docs/architecture.md, "Audit"): an embedded SQLite index under the
 * data dir, rebuildable from the streams, with the last applied sequence of every stream. Each
 * trace carries the hash of the previous trace of its scope (tamper evidence); each row names the
 * stream message it came from, so it can be compared with a rebuild at a cut.
 */
export class TraceIndex {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  /** Chain heads, kept in memory and written with each transaction. */
  readonly #heads = new Map<string, string>();
  readonly #setHead: Database.Statement;
  readonly #setApplied: Database.Statement;
  readonly #applied = new Map<string, number>();
  /** Prepared once per distinct query shape (the filters a request names), not per request. */
  readonly #statements = new Map<string, Database.Statement>();
  /** Rows held, kept by insert and prune (a count(*) would scan the table on every health call). */
  #count: number;
  #horizon = 0;
  /** Each key's enterprise project as indexed events set it; unsaved ones are written with the next batch. */
  readonly #keyProjects = new Map<string, string>();
  readonly #unsavedKeyProjects = new Map<string, string>();
  readonly #saveKeyProject: Database.Statement;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    // The page cache bounds the index's memory (64 MiB whatever the trace count); a smaller one
    // thrashes on the random inserts of the resource and name indexes.
    this.#db.pragma('cache_size = -65536');
    if (this.#db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      this.#db.exec('DROP TABLE IF EXISTS traces; DROP TABLE IF EXISTS chain_heads; DROP TABLE IF EXISTS applied; DROP TABLE IF EXISTS key_enterprise_projects;');
      this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS traces (
        row INTEGER PRIMARY KEY AUTOINCREMENT, trace_id TEXT UNIQUE NOT NULL, scope TEXT NOT NULL, time INTEGER NOT NULL,
        source_stream TEXT NOT NULL, source_seq INTEGER NOT NULL,
        service_type TEXT, resource_type TEXT, resource_id TEXT, resource_name TEXT, trace_name TEXT, trace_rating TEXT,
        user_name TEXT, access_key_id TEXT, enterprise_project_id TEXT, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS traces_scope_time ON traces (scope, time);
      CREATE INDEX IF NOT EXISTS traces_resource ON traces (scope, resource_id, time);
      CREATE INDEX IF NOT EXISTS traces_name ON traces (scope, trace_name, time);
      CREATE INDEX IF NOT EXISTS traces_source ON traces (source_stream, source_seq);
      CREATE TABLE IF NOT EXISTS chain_heads (scope TEXT PRIMARY KEY, hash TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS applied (stream TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS key_enterprise_projects (key_id TEXT PRIMARY KEY, enterprise_project_id TEXT NOT NULL);`);
    this.#insert = this.#db.prepare(`INSERT OR IGNORE INTO traces (trace_id, scope, time, source_stream, source_seq, service_type, resource_type, resource_id, resource_name, trace_name, trace_rating, user_name, access_key_id, enterprise_project_id, body, prev_hash, hash)
      VALUES (@trace_id, @scope, @time, @source_stream, @source_seq, @service_type, @resource_type, @resource_id, @resource_name, @trace_name, @trace_rating, @user_name, @access_key_id, @enterprise_project_id, @body, @prev_hash, @hash)`);
    for (const row of this.#db.prepare('SELECT scope, hash FROM chain_heads').all() as { scope: string; hash: string }[]) this.#heads.set(row.scope, row.hash);
    this.#setHead = this.#db.prepare('INSERT INTO chain_heads (scope, hash) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET hash = excluded.hash');
    this.#setApplied = this.#db.prepare('INSERT INTO applied (stream, seq) VALUES (?, ?) ON CONFLICT(stream) DO UPDATE SET seq = excluded.seq');
    for (const row of this.#db.prepare('SELECT stream, seq FROM applied').all() as { stream: string; seq: number }[]) this.#applied.set(row.stream, row.seq);
    this.#horizon = this.#applied.get('$horizon') ?? 0;
    this.#count = (this.#db.prepare('SELECT count(*) AS n FROM traces').get() as { n: number }).n;
    this.#saveKeyProject = this.#db.prepare('INSERT INTO key_enterprise_projects (key_id, enterprise_project_id) VALUES (?, ?) ON CONFLICT(key_id) DO UPDATE SET enterprise_project_id = excluded.enterprise_project_id');
    this.discardUnsavedEnterpriseProjects();
  }

  /** For building traces: the keys' enterprise projects, as of the messages handed to it so far. */
  readonly enterpriseProjects: EnterpriseProjects = {
    get: (keyId) => this.#keyProjects.get(keyId),
    set: (keyId, enterpriseProjectId) => {
      this.#keyProjects.set(keyId, enterpriseProjectId);
      this.#unsavedKeyProjects.set(keyId, enterpriseProjectId);
    },
  };

  /** Back to what is stored, when messages built but not added will be read again. */
  discardUnsavedEnterpriseProjects(): void {
    this.#unsavedKeyProjects.clear();
    this.#keyProjects.clear();
    for (const row of this.#db.prepare('SELECT key_id, enterprise_project_id FROM key_enterprise_projects').all() as { key_id: string; enterprise_project_id: string }[]) {
      this.#keyProjects.set(row.key_id, row.enterprise_project_id);
    }
  }

  lastApplied(stream: string): number {
    return this.#applied.get(stream) ?? 0;
  }

  /** Adds the traces of one stream message and moves the stream's applied sequence, atomically. */
  add(stream: string, seq: number, traces: readonly ScopedTrace[]): void {
    this.addMany(stream, [{ seq, traces }]);
  }

  /** Several messages of one stream in one transaction (one disk sync for a burst). */
  addMany(stream: string, messages: ReadonlyArray<{ seq: number; traces: readonly ScopedTrace[] }>): void {
    if (messages.length === 0) return;
    const moved = new Map<string, string>();
    this.#db.transaction(() => {
      for (const { seq, traces } of messages) {
        for (const { scope, trace } of traces) {
          const prev = moved.get(scope) ?? this.#heads.get(scope) ?? '';
          const body = JSON.stringify(trace);
          const hash = linkHash(prev, body);
          const result = this.#insert.run({
            trace_id: trace.trace_id, scope, time: trace.time, source_stream: stream, source_seq: seq, service_type: trace.service_type,
            resource_type: trace.resource_type, resource_id: trace.resource_id, resource_name: trace.resource_name, trace_name: trace.trace_name,
            trace_rating: trace.trace_rating, user_name: trace.user.name, access_key_id: trace.user.access_key_id, enterprise_project_id: trace.enterprise_project_id,
            body, prev_hash: prev, hash,
          });
          if (result.changes > 0) {
            moved.set(scope, hash);
            this.#count++;
          }
        }
      }
      for (const [scope, hash] of moved) this.#setHead.run(scope, hash);
      for (const [keyId, enterpriseProjectId] of this.#unsavedKeyProjects) this.#saveKeyProject.run(keyId, enterpriseProjectId);
      this.#setApplied.run(stream, messages[messages.length - 1]!.seq);
    })();
    this.#unsavedKeyProjects.clear();
    for (const [scope, hash] of moved) this.#heads.set(scope, hash);
    this.#applied.set(stream, messages[messages.length - 1]!.seq);
  }

  /**
   * Drops traces older than the retention as a prefix of each scope's chain (every dropped trace
   * is older than `cutoff`; a scope's chain then starts at its oldest kept trace, still verifiable).
   * Traces at or after the horizon are never dropped, so a rebuild compares from there on.
   */
  prune(cutoff: number): number {
    let dropped = 0;
    this.#db.transaction(() => {
      for (const { scope } of this.#db.prepare('SELECT scope FROM chain_heads').all() as { scope: string }[]) {
        const keepFrom = (this.#db.prepare('SELECT min(row) AS row FROM traces WHERE scope = ? AND time >= ?').get(scope, cutoff) as { row: number | null }).row;
        dropped += keepFrom === null
          ? this.#db.prepare('DELETE FROM traces WHERE scope = ? AND time < ?').run(scope, cutoff).changes
          : this.#db.prepare('DELETE FROM traces WHERE scope = ? AND row < ?').run(scope, keepFrom).changes;
      }
      for (const { scope } of this.#db.prepare('DELETE FROM chain_heads WHERE scope NOT IN (SELECT DISTINCT scope FROM traces) RETURNING scope').all() as { scope: string }[]) this.#heads.delete(scope);
      this.#db.prepare("INSERT INTO applied (stream, seq) VALUES ('$horizon', ?) ON CONFLICT(stream) DO UPDATE SET seq = max(seq, excluded.seq)").run(cutoff);
    })();
    this.#horizon = Math.max(this.#horizon, cutoff);
    this.#count -= dropped;
    return dropped;
  }

  /** Traces before this time may have been dropped by `prune`. */
  get horizon(): number {
    return this.#horizon;
  }

  query(q: TraceQuery): { traces: Trace[]; marker: string | null } {
    if (q.traceId) {
      for (const scope of q.scopes) {
        const row = this.#statement('SELECT body FROM traces WHERE scope = ? AND trace_id = ?').get(scope, q.traceId) as { body: string } | undefined;
        if (row) return { traces: [JSON.parse(row.body) as Trace], marker: null };
      }
      return { traces: [], marker: null };
    }
    // One query a scope, each walking its index newest first (an IN over scopes would sort every
    // match); the pages are merged here. The index is chosen by the most selective filter.
    const index = q.resourceId !== undefined ? 'traces_resource' : q.traceName !== undefined ? 'traces_name' : 'traces_scope_time';
    const where = ['scope = @scope', 'time > @from', 'time < @to'];
    for (const [field, column] of FILTERS) if (q[field] !== undefined) where.push(`${column} = @${field}`);
    if (q.next) where.push('(time, row) < (SELECT time, row FROM traces WHERE trace_id = @next)');
    const select = this.#statement(`SELECT time, row, body FROM traces INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY time DESC, row DESC LIMIT @limit`);
    const params = { ...q, scopes: undefined, limit: q.limit + 1 };
    const rows = q.scopes
      .flatMap((scope) => select.all({ ...params, scope }) as { time: number; row: number; body: string }[])
      .sort((a, b) => b.time - a.time || b.row - a.row)
      .slice(0, q.limit + 1);
    const page = rows.slice(0, q.limit).map((r) => JSON.parse(r.body) as Trace);
    return { traces: page, marker: rows.length > q.limit ? (page[page.length - 1]?.trace_id ?? null) : null };
  }

  /**
   * The traces as of a cut, as documents to compare: those from messages inside each stream's
   * range, from the horizon on.
   */
  at(cut: Cut): DocDigest[] {
    const docs: DocDigest[] = [];
    const select = this.#db.prepare('SELECT trace_id, source_seq, body FROM traces WHERE source_stream = ? AND source_seq >= ? AND source_seq <= ? AND time >= ?');
    for (const [stream, range] of Object.entries(cut)) {
      for (const row of select.iterate(stream, range.first, range.last, this.#horizon) as Iterable<{ trace_id: string; source_seq: number; body: string }>) {
        docs.push(digestDoc(row.trace_id, row.source_seq, traceDoc(JSON.parse(row.body) as Trace)));
      }
    }
    return docs;
  }

  /** Walks every scope's chain from its oldest kept trace; the first link of each that does not hold. */
  verifyChains(): { scopes: number; traces: number; broken: BrokenLink[] } {
    const broken: BrokenLink[] = [];
    let traces = 0;
    let scopes = 0;
    const heads = new Map((this.#db.prepare('SELECT scope, hash FROM chain_heads').all() as { scope: string; hash: string }[]).map((r) => [r.scope, r.hash]));
    const rows = this.#db.prepare('SELECT scope, trace_id, body, prev_hash, hash FROM traces ORDER BY scope, row')
      .iterate() as Iterable<{ scope: string; trace_id: string; body: string; prev_hash: string; hash: string }>;
    let scope: string | undefined;
    let prev = '';
    let failed = false;
    const closeScope = () => {
      if (scope !== undefined && !failed && heads.get(scope) !== prev) broken.push({ scope, traceId: '(head)', reason: 'the chain head does not name the last trace (traces removed from the end?)' });
      heads.delete(scope ?? '');
    };
    for (const row of rows) {
      traces++;
      if (row.scope !== scope) {
        closeScope();
        scopes++;
        scope = row.scope;
        prev = row.prev_hash; // the oldest kept trace anchors the chain (older ones aged out with the stream)
        failed = false;
      }
      if (failed) continue;
      if (row.prev_hash !== prev) {
        broken.push({ scope, traceId: row.trace_id, reason: 'its previous-hash does not match the trace before it (a trace removed or inserted)' });
        failed = true;
      } else if (row.hash !== linkHash(prev, row.body)) {
        broken.push({ scope, traceId: row.trace_id, reason: 'its content does not match its hash (the trace was altered)' });
        failed = true;
      }
      prev = row.hash;
    }
    closeScope();
    for (const orphan of heads.keys()) broken.push({ scope: orphan, traceId: '(head)', reason: 'the scope has a chain head but no traces' });
    return { scopes, traces, broken };
  }

  /** Traces held (health). */
  get count(): number {
    return this.#count;
  }

  #statement(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }

  close(): void {
    this.#db.close();
  }
}
