import { hash as oneShotHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { digestDoc, type Cut, type DocDigest } from '@dew/event-sourcing';
import { traceDoc, type EnterpriseProjects, type ScopedTrace, type Trace } from '@dew/read-models';
import { packBody, termValuesOf, TERM_FIELDS, traceIdKey, traceIdText, unpackTrace, USER_TERM_FIELDS } from './trace-codec.js';
import { Terms } from './terms.js';

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

/** Each filter of a query and the term column it is matched against. */
const FILTERS: ReadonlyArray<[keyof TraceQuery, string]> = [
  ['serviceType', 'service_type'], ['user', 'user_name'], ['resourceId', 'resource_id'], ['resourceName', 'resource_name'],
  ['resourceType', 'resource_type'], ['traceName', 'trace_name'], ['traceRating', 'trace_rating'],
  ['accessKeyId', 'access_key_id'], ['enterpriseProjectId', 'enterprise_project_id'],
];
/** The term columns, in TERM_FIELDS then USER_TERM_FIELDS order (see trace-codec.ts). */
const TERM_COLUMNS: readonly string[] = [...TERM_FIELDS, ...USER_TERM_FIELDS.map((f) => (f === 'name' ? 'user_name' : f))];
const TRACE_COLUMNS = `trace_id, time, ${TERM_COLUMNS.join(', ')}, body`;

/**
 * The layout of the tables. An index of another layout is dropped and rebuilt from the streams
 * (it is a read model: every trace it held is derived again from the stream messages).
 * 3: term columns, binary trace ids and hashes, packed bodies (docs/cts-traces.md, "The index layout").
 * 4: links hash the body unescaped and the scope's text (see linkHash).
 */
const SCHEMA_VERSION = 4;
const NO_HASH: Buffer = Buffer.alloc(0);

interface TraceRow {
  readonly trace_id: Buffer | string;
  readonly time: number;
  readonly body: string;
  readonly [termColumn: string]: unknown;
}

/**
 * A link of a scope's chain: the previous link and everything stored of the trace (its id, time,
 * term values and body), so a change of any column breaks the chain. The body follows the JSON
 * array of the rest as it is (the array ends where the body begins), not escaped inside it.
 */
// The scope is hashed too: swapping two scope terms' texts would otherwise move traces between
// tenants with every chain still verifying.
const linkHash = (prev: Buffer, scope: string, traceId: string, time: number, terms: ReadonlyArray<string | undefined>, body: string): Buffer =>
  oneShotHash('sha256', JSON.stringify([prev.toString('hex'), scope, traceId, time, terms]) + body, 'buffer') as unknown as Buffer;

/**
 * The query side of the audit trail (docs/architecture.md, "Audit"): an embedded SQLite index under the
 * data dir, rebuildable from the streams, with the last applied sequence of every stream. Each
 * trace carries the hash of the previous trace of its scope (tamper evidence); each row names the
 * stream message it came from, so it can be compared with a rebuild at a cut.
 */
export class TraceIndex {
  readonly #db: Database.Database;
  readonly #terms: Terms;
  readonly #insert: Database.Statement;
  /** Chain heads by scope term, kept in memory and written with each transaction. */
  readonly #heads = new Map<number, Buffer>();
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
    // NORMAL syncs at checkpoints only: a power cut may take the last transactions, and with them
    // the applied sequences they moved, so the ingest reads those messages from the streams again.
    this.#db.pragma('synchronous = NORMAL');
    // A checkpoint copies the WAL into the file and syncs it: every 10 000 pages (40 MiB of WAL,
    // the file keeps that size) rather than SQLite's 1 000, so the index pages many transactions
    // touched between two are copied once.
    this.#db.pragma('wal_autocheckpoint = 10000');
    // The page cache bounds the index's memory (64 MiB whatever the trace count); a smaller one
    // thrashes on the random inserts of the resource and name indexes.
    this.#db.pragma('cache_size = -65536');
    if (this.#db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      for (const { name } of this.#db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]) {
        this.#db.exec(`DROP TABLE "${name}"`);
      }
      this.#db.exec('VACUUM'); // gives an old layout's pages back to the file system
      this.#db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    this.#terms = new Terms(this.#db);
    // Term columns hold ids of `terms`; trace_id a UUID's 16 bytes (else its text); hashes 32 bytes.
    // The rows are in insertion order (`row`), so a scope's rows in row order are its chain.
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS traces (
        row INTEGER PRIMARY KEY, trace_id BLOB UNIQUE NOT NULL, scope INTEGER NOT NULL, time INTEGER NOT NULL, stream INTEGER NOT NULL, seq INTEGER NOT NULL,
        ${TERM_COLUMNS.map((c) => `${c} INTEGER`).join(', ')}, body TEXT NOT NULL, prev_hash BLOB NOT NULL, hash BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS traces_scope_time ON traces (scope, time);
      CREATE INDEX IF NOT EXISTS traces_resource ON traces (scope, resource_id, time);
      CREATE INDEX IF NOT EXISTS traces_name ON traces (scope, trace_name, time);
      CREATE TABLE IF NOT EXISTS chain_heads (scope INTEGER PRIMARY KEY, hash BLOB NOT NULL);
      CREATE TABLE IF NOT EXISTS applied (stream TEXT PRIMARY KEY, seq INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS key_enterprise_projects (key_id TEXT PRIMARY KEY, enterprise_project_id TEXT NOT NULL);`);
    const inserted = `scope, stream, seq, prev_hash, hash, ${TRACE_COLUMNS}`;
    this.#insert = this.#db.prepare(`INSERT OR IGNORE INTO traces (${inserted}) VALUES (${inserted.split(',').map(() => '?').join(', ')})`);
    for (const row of this.#db.prepare('SELECT scope, hash FROM chain_heads').all() as { scope: number; hash: Buffer }[]) this.#heads.set(row.scope, row.hash);
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
    const moved = new Map<number, Buffer>();
    try {
      this.#db.transaction(() => {
        const streamTerm = this.#terms.idOf(stream);
        for (const { seq, traces } of messages) {
          for (const { scope, trace } of traces) {
            const scopeTerm = this.#terms.idOf(scope);
            const prev = moved.get(scopeTerm) ?? this.#heads.get(scopeTerm) ?? NO_HASH;
            const terms = termValuesOf(trace);
            const body = packBody(trace);
            const hash = linkHash(prev, scope, trace.trace_id, trace.time, terms, body);
            const termIds = terms.map((t) => (t === undefined ? null : this.#terms.idOf(t)));
            const result = this.#insert.run(scopeTerm, streamTerm, seq, prev, hash, traceIdKey(trace.trace_id), trace.time, ...termIds, body);
            if (result.changes > 0) {
              moved.set(scopeTerm, hash);
              this.#count++;
            }
          }
        }
        for (const [scope, hash] of moved) this.#setHead.run(scope, hash);
        for (const [keyId, enterpriseProjectId] of this.#unsavedKeyProjects) this.#saveKeyProject.run(keyId, enterpriseProjectId);
        this.#setApplied.run(stream, messages[messages.length - 1]!.seq);
      })();
    } catch (err) {
      this.#terms.forget();
      this.#count = (this.#db.prepare('SELECT count(*) AS n FROM traces').get() as { n: number }).n;
      throw err;
    }
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
      for (const { scope } of this.#db.prepare('SELECT scope FROM chain_heads').all() as { scope: number }[]) {
        const keepFrom = (this.#db.prepare('SELECT min(row) AS row FROM traces WHERE scope = ? AND time >= ?').get(scope, cutoff) as { row: number | null }).row;
        dropped += keepFrom === null
          ? this.#db.prepare('DELETE FROM traces WHERE scope = ? AND time < ?').run(scope, cutoff).changes
          : this.#db.prepare('DELETE FROM traces WHERE scope = ? AND row < ?').run(scope, keepFrom).changes;
      }
      for (const { scope } of this.#db.prepare('DELETE FROM chain_heads WHERE scope NOT IN (SELECT DISTINCT scope FROM traces) RETURNING scope').all() as { scope: number }[]) this.#heads.delete(scope);
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
    const scopes = q.scopes.map((s) => this.#terms.find(s)).filter((s) => s !== undefined);
    if (q.traceId) {
      const row = this.#statement(`SELECT scope, ${TRACE_COLUMNS} FROM traces WHERE trace_id = ?`).get(traceIdKey(q.traceId)) as (TraceRow & { scope: number }) | undefined;
      return { traces: row && scopes.includes(row.scope) ? [this.#traceOf(row)] : [], marker: null };
    }
    // A filter on a string never stored matches nothing.
    const filters: Record<string, number> = {};
    for (const [field, column] of FILTERS) {
      const value = q[field];
      if (value === undefined) continue;
      const term = this.#terms.find(String(value));
      if (term === undefined) return { traces: [], marker: null };
      filters[column] = term;
    }
    // One query a scope, each walking its index newest first (an IN over scopes would sort every
    // match); the pages are merged here. The index is chosen by the most selective filter.
    const index = q.resourceId !== undefined ? 'traces_resource' : q.traceName !== undefined ? 'traces_name' : 'traces_scope_time';
    const where = ['scope = @scope', 'time > @from', 'time < @to', ...Object.keys(filters).map((column) => `${column} = @${column}`)];
    if (q.next) where.push('(time, row) < (SELECT time, row FROM traces WHERE trace_id = @next)');
    const select = this.#statement(`SELECT row, ${TRACE_COLUMNS} FROM traces INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY time DESC, row DESC LIMIT @limit`);
    const params = { ...filters, from: q.from, to: q.to, limit: q.limit + 1, ...(q.next ? { next: traceIdKey(q.next) } : {}) };
    const rows = scopes
      .flatMap((scope) => select.all({ ...params, scope }) as Array<TraceRow & { row: number }>)
      .sort((a, b) => b.time - a.time || b.row - a.row)
      .slice(0, q.limit + 1);
    const page = rows.slice(0, q.limit).map((r) => this.#traceOf(r));
    return { traces: page, marker: rows.length > q.limit ? (page[page.length - 1]?.trace_id ?? null) : null };
  }

  /**
   * The traces as of a cut, as documents to compare: those from messages inside each stream's
   * range, from the horizon on. One pass over the table (there is no index by source message:
   * a cut names nearly every message, and the index stays smaller without one).
   */
  at(cut: Cut): DocDigest[] {
    const ranges = new Map<number, { first: number; last: number }>();
    for (const [stream, range] of Object.entries(cut)) {
      const term = this.#terms.find(stream);
      if (term !== undefined) ranges.set(term, range);
    }
    const docs: DocDigest[] = [];
    for (const row of this.#db.prepare(`SELECT stream, seq, ${TRACE_COLUMNS} FROM traces WHERE time >= ?`).iterate(this.#horizon) as Iterable<TraceRow & { stream: number; seq: number }>) {
      const range = ranges.get(row.stream);
      if (!range || row.seq < range.first || row.seq > range.last) continue;
      docs.push(digestDoc(traceIdText(row.trace_id), row.seq, traceDoc(this.#traceOf(row))));
    }
    return docs;
  }

  /** Walks every scope's chain from its oldest kept trace; the first link of each that does not hold. */
  verifyChains(): { scopes: number; traces: number; broken: BrokenLink[] } {
    const broken: BrokenLink[] = [];
    let traces = 0;
    let scopes = 0;
    const heads = new Map((this.#db.prepare('SELECT scope, hash FROM chain_heads').all() as { scope: number; hash: Buffer }[]).map((r) => [r.scope, r.hash]));
    const rows = this.#db.prepare(`SELECT scope, prev_hash, hash, ${TRACE_COLUMNS} FROM traces ORDER BY scope, row`)
      .iterate() as Iterable<TraceRow & { scope: number; prev_hash: Buffer; hash: Buffer }>;
    let scope: number | undefined;
    let prev: Buffer = NO_HASH;
    let failed = false;
    const closeScope = () => {
      if (scope === undefined) return;
      if (!failed && !heads.get(scope)?.equals(prev)) broken.push({ scope: this.#scopeText(scope), traceId: '(head)', reason: 'the chain head does not name the last trace (traces removed from the end?)' });
      heads.delete(scope);
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
      const traceId = traceIdText(row.trace_id);
      if (!row.prev_hash.equals(prev)) {
        broken.push({ scope: this.#scopeText(scope), traceId, reason: 'its previous-hash does not match the trace before it (a trace removed or inserted)' });
        failed = true;
      } else if (!this.#linkHolds(row, prev, scope, traceId)) {
        broken.push({ scope: this.#scopeText(scope), traceId, reason: 'its content does not match its hash (the trace was altered)' });
        failed = true;
      }
      prev = row.hash;
    }
    closeScope();
    for (const orphan of heads.keys()) broken.push({ scope: this.#scopeText(orphan), traceId: '(head)', reason: 'the scope has a chain head but no traces' });
    return { scopes, traces, broken };
  }

  /** A link verifies; a term row it names that is gone (deleted from the index) is a broken link, not a fault. */
  #linkHolds(row: TraceRow & { hash: Buffer }, prev: Buffer, scope: number, traceId: string): boolean {
    try {
      return row.hash.equals(linkHash(prev, this.#terms.textOf(scope), traceId, row.time, this.#termTexts(row), row.body));
    } catch {
      return false;
    }
  }

  #scopeText(scope: number): string {
    try {
      return this.#terms.textOf(scope);
    } catch {
      return `(missing term ${scope})`;
    }
  }

  #termTexts(row: TraceRow): Array<string | undefined> {
    return TERM_COLUMNS.map((c) => (row[c] === null ? undefined : this.#terms.textOf(row[c] as number)));
  }

  #traceOf(row: TraceRow): Trace {
    const texts = this.#termTexts(row);
    return unpackTrace({ traceId: traceIdText(row.trace_id), time: row.time, terms: texts.slice(0, TERM_FIELDS.length), userTerms: texts.slice(TERM_FIELDS.length), body: row.body });
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
