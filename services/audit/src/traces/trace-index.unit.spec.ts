import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceIndex } from './trace-index.js';
import type { Trace } from './trace.js';

const trace = (id: string, name: string, time: number, project = 'p1'): Trace => ({
  trace_id: id, trace_name: name, trace_rating: 'normal', trace_type: 'ApiCall', service_type: 'KMS', resource_type: 'cmk',
  resource_id: 'k1', resource_name: 'alias', code: '200', user: { id: 'u', name: 'admin', domain: { id: 'd' } }, source_ip: '',
  request: '{}', time, record_time: time, request_id: id, api_version: 'v1.0', project_id: project,
});

describe('TraceIndex', () => {
  it('newest first with paging; a message applied twice is stored once; other projects are invisible', () => {
    const index = new TraceIndex(':memory:');
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1000)]);
    index.add('EVT_KMS', 2, [trace('b', 'disableKey', 2000)]);
    index.add('EVT_KMS', 2, [trace('b', 'disableKey', 2000)]);
    index.add('AUDIT', 1, [trace('c', 'encryptData', 1500), trace('x', 'createKey', 1500, 'p2')]);
    const page = index.query({ projectId: 'p1', from: 0, to: 5000, limit: 2 });
    expect(page.traces.map((t) => t.trace_id)).toEqual(['c', 'b']);
    const rest = index.query({ projectId: 'p1', from: 0, to: 5000, limit: 2, next: page.marker! });
    expect(rest.traces.map((t) => t.trace_id)).toEqual(['a']);
    expect(rest.marker).toBeNull();
    expect(index.lastApplied('EVT_KMS')).toBe(2);
  });

  it('hash chain: verifies intact, and names the first trace whose stored record was altered', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'traces-')), 't.db');
    const index = new TraceIndex(path);
    index.add('EVT_KMS', 1, [trace('a', 'createKey', 1), trace('b', 'enableKey', 2), trace('c', 'disableKey', 3)]);
    expect(index.verifyChain('p1')).toBeNull();
    const raw = new Database(path);
    raw.prepare("UPDATE traces SET body = replace(body, 'enableKey', 'nothingHappened') WHERE trace_id = 'b'").run();
    raw.close();
    expect(index.verifyChain('p1')).toBe('b');
  });
});
