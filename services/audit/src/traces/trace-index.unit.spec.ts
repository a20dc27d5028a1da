import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationId, traceUser, type ScopedTrace } from '@dew/read-models';
import { TraceIndex } from './trace-index.js';

const trace = (id: string, name: string, time: number, scope = 'p1', by: { accessKeyId?: string; enterpriseProjectId?: string } = {}): ScopedTrace => ({
  scope,
  trace: {
    trace_id: id, trace_name: name, trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk',
    resource_id: 'k1', resource_name: 'alias', resource_url: '', code: '200', message: '', location_info: '',
    user: traceUser({ id: 'u', name: 'admin', domainId: 'd', domainName: 'acme', accessKeyId: by.accessKeyId ?? 'AK0', rootUser: true, traceType: 'ApiCall' }),
    source_ip: '', request: '{}', response: '{}', time, record_time: time, request_id: id, api_version: 'v1.0', project_id: scope, endpoint: '',
    enterprise_project_id: by.enterpriseProjectId ?? '0', read_only: false, operation_id: operationId(name),
  },
});
const tempDb = () => join(mkdtempSync(join(tmpdir(), 'traces-')), 't.db');
const tamper = (path: string, sql: string) => {
  const raw = new Database(path);
  raw.prepare(sql).run();
  raw.close();
};

describe('TraceIndex', () => {
  it('newest first with paging; a message applied twice is stored once; other scopes are invisible', () => {
    const index = new TraceIndex(':memory:');
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1000)]);
    index.add('EVT_KMS', 2, [trace('b', 'disableKey', 2000)]);
    index.add('EVT_KMS', 2, [trace('b', 'disableKey', 2000)]);
    index.add('AUDIT', 1, [trace('c', 'encryptData', 1500), trace('x', 'createKey', 1500, 'p2')]);
    const page = index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 2 });
    expect(page.traces.map((t) => t.trace_id)).toEqual(['b', 'c']);
    const rest = index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 2, next: page.marker! });
    expect(rest.traces.map((t) => t.trace_id)).toEqual(['a']);
    expect(rest.marker).toBeNull();
    expect(index.lastApplied('EVT_KMS')).toBe(2);
  });

  it('account-wide traces are seen from any scope the query names; from/to bounds are exclusive', () => {
    const index = new TraceIndex(':memory:');
    index.add('EVT_IAM', 1, [trace('u', 'createUser', 1000, 'domain:d1')]);
    index.add('EVT_KMS', 1, [trace('k', 'createKey', 2000, 'p1')]);
    expect(index.query({ scopes: ['p1', 'domain:d1'], from: 0, to: 3000, limit: 10 }).traces.map((t) => t.trace_id)).toEqual(['k', 'u']);
    expect(index.query({ scopes: ['p1', 'domain:d2'], from: 0, to: 3000, limit: 10 }).traces.map((t) => t.trace_id)).toEqual(['k']);
    expect(index.query({ scopes: ['p1', 'domain:d1'], from: 1000, to: 2000, limit: 10 }).traces).toEqual([]);
  });

  it('hash chain: intact chains verify; an altered trace is named as the first broken link', () => {
    const path = tempDb();
    const index = new TraceIndex(path);
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1), trace('b', 'enableKey', 2), trace('c', 'disableKey', 3)]);
    index.add('EVT_KMS', 2, [trace('z', 'createKey', 1, 'p2')]);
    expect(index.verifyChains()).toEqual({ scopes: 2, traces: 4, broken: [] });
    tamper(path, "UPDATE traces SET body = replace(body, 'EnableKey', 'NothingHappened') WHERE trace_id = 'b'");
    expect(index.verifyChains().broken).toEqual([{ scope: 'p1', traceId: 'b', reason: expect.stringContaining('altered') }]);
  });

  it('hash chain: a trace whose column was altered (its name, its time) breaks the chain there', () => {
    for (const change of ["trace_name = (SELECT trace_name FROM traces WHERE trace_id = 'c')", 'time = time + 1']) {
      const path = tempDb();
      const index = new TraceIndex(path);
      index.add('EVT_KMS', 1, [trace('a', 'createKey', 1), trace('b', 'enableKey', 2), trace('c', 'disableKey', 3)]);
      tamper(path, `UPDATE traces SET ${change} WHERE trace_id = 'b'`);
      expect(index.verifyChains().broken).toEqual([{ scope: 'p1', traceId: 'b', reason: expect.stringContaining('altered') }]);
    }
  });

  it('hash chain: two scopes\' texts swapped in the terms table (traces moved between tenants) break both chains', () => {
    const path = tempDb();
    const first = new TraceIndex(path);
    first.add('EVT_KMS', 1, [trace('a', 'createKey', 1, 'p1'), trace('b', 'createKey', 2, 'p2')]);
    first.close();
    tamper(path, "UPDATE terms SET text = 'swap' WHERE text = 'p1'");
    tamper(path, "UPDATE terms SET text = 'p1' WHERE text = 'p2'");
    tamper(path, "UPDATE terms SET text = 'p2' WHERE text = 'swap'");
    const reopened = new TraceIndex(path);
    expect(reopened.verifyChains().broken.map((b) => b.traceId).sort()).toEqual(['a', 'b']);
  });

  it('hash chain: a term row deleted from the index is a broken link, not a fault', () => {
    const path = tempDb();
    const first = new TraceIndex(path);
    first.add('EVT_KMS', 1, [trace('a', 'createKey', 1), trace('b', 'enableKey', 2)]);
    first.close();
    tamper(path, "DELETE FROM terms WHERE text = 'enableKey'");
    const reopened = new TraceIndex(path);
    expect(reopened.verifyChains().broken).toEqual([{ scope: 'p1', traceId: 'b', reason: expect.stringContaining('altered') }]);
  });

  it('a trace read back equals the trace indexed: every field, UUID and other ids, absent and unknown fields kept', () => {
    const index = new TraceIndex(':memory:');
    const uuid = '0189a6f2-0c1d-4e5f-8a9b-0c1d2e3f4a5b';
    const full = trace(uuid, 'encryptData', 1000).trace;
    const { access_key_id: _none, ...anonymous } = full.user;
    const odd = { ...trace('Not-A-UUID', 'createKey', 2000).trace, user: { ...anonymous, invoked_by: ['service.console'] }, resource_name: '', extra_field: { a: 1 } } as unknown as typeof full;
    index.add('AUDIT', 1, [{ scope: 'p1', trace: full }, { scope: 'p1', trace: odd }]);
    const read = index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 10 }).traces;
    expect(read).toEqual([odd, full]);
    expect(index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 10, traceId: uuid }).traces).toEqual([full]);
    expect(index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 1, next: 'Not-A-UUID' }).traces).toEqual([full]);
    expect(index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 10, user: 'nobody' }).traces).toEqual([]);
    expect(index.query({ scopes: ['p2'], from: 0, to: 5000, limit: 10, traceId: uuid }).traces).toEqual([]);
  });

  it('hash chain: a trace removed from the middle or from the end is detected', () => {
    const path = tempDb();
    const index = new TraceIndex(path);
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1), trace('b', 'enableKey', 2), trace('c', 'disableKey', 3)]);
    tamper(path, "DELETE FROM traces WHERE trace_id = 'b'");
    expect(index.verifyChains().broken).toEqual([{ scope: 'p1', traceId: 'c', reason: expect.stringContaining('removed') }]);
    const otherPath = tempDb();
    const other = new TraceIndex(otherPath);
    other.add('EVT_KMS', 1, [trace('a', 'createKey', 1), trace('b', 'enableKey', 2)]);
    expect(other.verifyChains().broken).toEqual([]);
    tamper(otherPath, "DELETE FROM traces WHERE trace_id = 'b'");
    expect(other.verifyChains().broken).toEqual([{ scope: 'p1', traceId: '(head)', reason: expect.stringContaining('removed from the end') }]);
  });

  it('prune: drops an old prefix of each chain, keeps the chains verifiable, and never drops a trace at or after the horizon', () => {
    const index = new TraceIndex(tempDb());
    index.add('AUDIT', 1, [trace('old1', 'encryptData', 100), trace('old2', 'encryptData', 200), trace('late-old', 'decryptData', 150)]);
    index.add('EVT_KMS', 1, [trace('new', 'createKey', 1000)]);
    index.add('EVT_KMS', 2, [trace('gone', 'createKey', 50, 'p9')]);
    expect(index.count).toBe(5);
    expect(index.prune(500)).toBe(4);
    expect(index.count).toBe(1);
    expect(index.horizon).toBe(500);
    expect(index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 10 }).traces.map((t) => t.trace_id)).toEqual(['new']);
    expect(index.verifyChains()).toEqual({ scopes: 1, traces: 1, broken: [] });
    index.add('AUDIT', 2, [trace('next', 'encryptData', 2000)]);
    expect(index.verifyChains().broken).toEqual([]);
  });

  it('at a cut: only traces from messages inside each stream range, as digests without record_time', () => {
    const index = new TraceIndex(':memory:');
    index.add('AUDIT', 1, [trace('a1', 'encryptData', 1)]);
    index.add('AUDIT', 2, [trace('a2', 'encryptData', 2)]);
    index.add('EVT_KMS', 5, [trace('e5', 'createKey', 3)]);
    const docs = index.at({ AUDIT: { first: 2, last: 2 }, EVT_KMS: { first: 1, last: 4 } });
    expect(docs.map((d) => [d.id, d.seq])).toEqual([['a2', 2]]);
    expect(Object.keys(docs[0]!.fields)).not.toContain('record_time');
  });

  it('access_key_id and enterprise_project_id filters: only the traces of that key or enterprise project', () => {
    const index = new TraceIndex(':memory:');
    index.add('AUDIT', 1, [trace('a', 'encryptData', 1000, 'p1', { accessKeyId: 'AK1', enterpriseProjectId: 'ep-1' })]);
    index.add('AUDIT', 2, [trace('b', 'encryptData', 2000, 'p1', { accessKeyId: 'AK2', enterpriseProjectId: '0' })]);
    const ids = (q: object) => index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 10, ...q }).traces.map((t) => t.trace_id);
    expect(ids({ accessKeyId: 'AK1' })).toEqual(['a']);
    expect(ids({ accessKeyId: 'AK3' })).toEqual([]);
    expect(ids({ enterpriseProjectId: '0' })).toEqual(['b']);
    expect(ids({ enterpriseProjectId: 'ep-1', accessKeyId: 'AK1' })).toEqual(['a']);
  });

  it('keys\' enterprise projects are kept with the batch that set them; unsaved ones are discarded on a resume', () => {
    const path = tempDb();
    const index = new TraceIndex(path);
    index.enterpriseProjects.set('k1', 'ep-1');
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1000)]);
    index.enterpriseProjects.set('k2', 'ep-2');
    index.discardUnsavedEnterpriseProjects();
    expect([index.enterpriseProjects.get('k1'), index.enterpriseProjects.get('k2')]).toEqual(['ep-1', undefined]);
    index.close();
    expect(new TraceIndex(path).enterpriseProjects.get('k1')).toBe('ep-1');
  });

  it('an index of an older layout is dropped: it starts again from the first message of every stream', () => {
    const path = tempDb();
    const old = new Database(path);
    old.exec("CREATE TABLE traces (row INTEGER PRIMARY KEY, trace_id TEXT); CREATE TABLE applied (stream TEXT PRIMARY KEY, seq INTEGER NOT NULL); INSERT INTO applied VALUES ('EVT_KMS', 9); PRAGMA user_version = 2;");
    old.close();
    const index = new TraceIndex(path);
    expect(index.lastApplied('EVT_KMS')).toBe(0);
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1000, 'p1', { accessKeyId: 'AK1' })]);
    expect(index.query({ scopes: ['p1'], from: 0, to: 5000, limit: 10, accessKeyId: 'AK1' }).traces).toHaveLength(1);
  });
});
