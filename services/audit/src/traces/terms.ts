import type Database from 'better-sqlite3';

/**
 * Cached terms at most, each way. Some terms come from callers (a refused call's resource id), so
 * the caches are bounded: past the bound one starts again empty and misses read the table.
 */
const CACHED = 50_000;

/**
 * The strings of the trace index's term columns (scopes, stream names, trace names, resource ids …)
 * as small integers: each distinct string is stored once, in `terms`, and rows and indexes hold
 * its id. Ids are never reused (terms are not deleted), so an id names one string for ever.
 */
export class Terms {
  readonly #ids = new Map<string, number>();
  readonly #texts = new Map<number, string>();
  readonly #select: Database.Statement<[string], { id: number }>;
  readonly #insert: Database.Statement<[string], { id: number }>;
  readonly #text: Database.Statement<[number], { text: string }>;

  constructor(db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, text TEXT UNIQUE NOT NULL)');
    this.#select = db.prepare('SELECT id FROM terms WHERE text = ?');
    this.#insert = db.prepare('INSERT INTO terms (text) VALUES (?) RETURNING id');
    this.#text = db.prepare('SELECT text FROM terms WHERE id = ?');
  }

  /** The id of `text`, stored now if it is new (call inside the transaction that uses it). */
  idOf(text: string): number {
    return this.find(text) ?? this.#remember(text, this.#insert.get(text)!.id);
  }

  /** The id of `text` if it is stored (a filter on a string never stored matches nothing). */
  find(text: string): number | undefined {
    const cached = this.#ids.get(text);
    if (cached !== undefined) return cached;
    const row = this.#select.get(text);
    return row ? this.#remember(text, row.id) : undefined;
  }

  textOf(id: number): string {
    const cached = this.#texts.get(id);
    if (cached !== undefined) return cached;
    const row = this.#text.get(id);
    if (!row) throw new Error(`trace index: term ${id} is missing`);
    this.#remember(row.text, id);
    return row.text;
  }

  /** Forgets what a rolled-back transaction may have stored. */
  forget(): void {
    this.#ids.clear();
    this.#texts.clear();
  }

  #remember(text: string, id: number): number {
    if (this.#ids.size >= CACHED) this.forget();
    this.#ids.set(text, id);
    this.#texts.set(id, text);
    return id;
  }
}
