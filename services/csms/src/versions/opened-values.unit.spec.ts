import { OpenedValues, type ValueReader } from './opened-values.js';

const alice: ValueReader = { projectId: 'p1', domainId: 'd1', userId: 'alice' };
const bob: ValueReader = { projectId: 'p1', domainId: 'd1', userId: 'bob' };
const v1 = { secretId: 's1', versionId: 'v1', sealed: 'sealed-1' };
const v2 = { secretId: 's1', versionId: 'v2', sealed: 'sealed-2' };
const plain = (text: string) => Buffer.from(text, 'utf8');
const zeroed = (b: Buffer) => b.every((byte) => byte === 0);
const limits = { maxEntries: 4, maxBytes: 1024, lifetimeMs: 1000 };
const asText = (b: Buffer) => b.toString('utf8');

/** An opening that finishes when the test says so, counting how often it was started. */
function gatedOpening(text: string) {
  let release: (plain: Buffer) => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const opened: Buffer[] = [];
  const gate = { started: 0, opened, open: () => {
    gate.started += 1;
    return new Promise<Buffer>((resolve, reject) => {
      release = resolve;
      fail = reject;
    });
  }, finish: () => {
    const value = plain(text);
    opened.push(value);
    release(value);
  }, fail: (err: Error) => fail(err) };
  return gate;
}

describe('OpenedValues', () => {
  it('a value opened for a reader: answered until its lifetime (from the opening) ends, then dropped and zeroed', () => {
    const values = new OpenedValues(limits, asText);
    const kept = values.put('set-p1', alice, v1, plain('value-one'), 0);
    expect(values.get(alice, v1, 999)?.toString()).toBe('value-one');
    expect(values.get(alice, v1, 1000)).toBeUndefined();
    expect([zeroed(kept), values.size, values.bytes]).toEqual([true, 0, 0]);
  });

  it('another reader of the same version, or another version: a miss (each reader is opened for by KMS)', () => {
    const values = new OpenedValues(limits, asText);
    values.put('set-p1', alice, v1, plain('value-one'), 0);
    expect([values.get(bob, v1, 1), values.get(alice, v2, 1), values.get({ ...alice, projectId: 'p2' }, v1, 1)]).toEqual([undefined, undefined, undefined]);
    expect(values.get(alice, v1, 1)?.toString()).toBe('value-one');
  });

  it('another sealed form of the version (a restored secret): a miss, and the old value is zeroed', () => {
    const values = new OpenedValues(limits, asText);
    const kept = values.put('set-p1', alice, v1, plain('value-one'), 0);
    expect(values.get(alice, { ...v1, sealed: 'sealed-again' }, 1)).toBeUndefined();
    expect([zeroed(kept), values.size]).toEqual([true, 0]);
  });

  it('an event of the secret set: its values dropped and zeroed, other sets kept', () => {
    const values = new OpenedValues(limits, asText);
    const a = values.put('set-p1', alice, v1, plain('value-a'), 0);
    const b = values.put('set-p1', bob, v1, plain('value-b'), 0);
    values.put('set-p2', { ...alice, projectId: 'p2' }, v1, plain('value-c'), 0);
    values.forgetSet('set-p1');
    expect([zeroed(a), zeroed(b), values.get(alice, v1, 1), values.get({ ...alice, projectId: 'p2' }, v1, 1)?.toString()]).toEqual([true, true, undefined, 'value-c']);
  });

  it('opened again for the same reader: the earlier copy is zeroed and only the new one counted', () => {
    const values = new OpenedValues(limits, asText);
    const first = values.put('set-p1', alice, v1, plain('value-one'), 0);
    values.put('set-p1', alice, v1, plain('value-one'), 10);
    expect([zeroed(first), values.size, values.bytes, values.get(alice, v1, 1005)?.toString()]).toEqual([true, 1, 9, 'value-one']);
  });

  it('full in entries: the oldest value makes room and is zeroed', () => {
    const values = new OpenedValues({ ...limits, maxEntries: 2 }, asText);
    const oldest = values.put('set-p1', alice, v1, plain('one'), 0);
    values.put('set-p1', alice, v2, plain('two'), 1);
    values.put('set-p1', bob, v1, plain('three'), 2);
    expect([values.size, zeroed(oldest), values.get(alice, v1, 3), values.get(bob, v1, 3)?.toString()]).toEqual([2, true, undefined, 'three']);
  });

  it('full in bytes: the oldest values make room until the new one fits', () => {
    const values = new OpenedValues({ ...limits, maxBytes: 10 }, asText);
    const four = values.put('set-p1', alice, v1, plain('1234'), 0);
    const five = values.put('set-p1', alice, v2, plain('12345'), 1);
    values.put('set-p1', bob, v1, plain('12'), 2);
    expect([zeroed(four), zeroed(five), values.size, values.bytes, values.get(alice, v2, 3)?.toString()]).toEqual([true, false, 2, 7, '12345']);
  });

  it('cleared (CSMS stopping): every value zeroed', () => {
    const values = new OpenedValues(limits, asText);
    const one = values.put('set-p1', alice, v1, plain('value-one'), 0);
    values.clear();
    expect([values.size, values.bytes, zeroed(one)]).toEqual([0, 0, true]);
  });

  describe('read', () => {
    it('reads of one reader and version while an opening is under way: one opening, every read answered with its value', async () => {
      const values = new OpenedValues(limits, asText);
      const gate = gatedOpening('value-one');
      const reads = [0, 1, 2].map((t) => values.read('set-p1', alice, v1, t, gate.open));
      gate.finish();
      expect([await Promise.all(reads), gate.started, values.openings]).toEqual([['value-one', 'value-one', 'value-one'], 1, 0]);
      expect(values.get(alice, v1, 999)?.toString()).toBe('value-one');
    });

    it('another reader or another sealed form while an opening is under way: opened on its own', async () => {
      const values = new OpenedValues(limits, asText);
      const first = gatedOpening('value-one');
      const other = gatedOpening('value-bob');
      const again = gatedOpening('value-restored');
      const reads = [values.read('set-p1', alice, v1, 0, first.open), values.read('set-p1', bob, v1, 0, other.open), values.read('set-p1', alice, { ...v1, sealed: 'sealed-again' }, 0, again.open)];
      [first, other, again].forEach((g) => g.finish());
      expect([await Promise.all(reads), first.started, other.started, again.started]).toEqual([['value-one', 'value-bob', 'value-restored'], 1, 1, 1]);
    });

    it('an event of the set during an opening: the reads that joined get its value, it is not kept but zeroed, and a later read opens again', async () => {
      const values = new OpenedValues(limits, asText);
      const before = gatedOpening('value-before');
      const joined = [values.read('set-p1', alice, v1, 0, before.open), values.read('set-p1', alice, v1, 1, before.open)];
      values.forgetSet('set-p1');
      const after = gatedOpening('value-after');
      const later = values.read('set-p1', alice, v1, 2, after.open);
      before.finish();
      after.finish();
      expect([await Promise.all(joined), await later, before.started, after.started]).toEqual([['value-before', 'value-before'], 'value-after', 1, 1]);
      expect([zeroed(before.opened[0] as Buffer), values.size, values.get(alice, v1, 3)?.toString()]).toEqual([true, 1, 'value-after']);
    });

    it('an opening that fails: every read that joined it fails, nothing is kept, and the next read opens again', async () => {
      const values = new OpenedValues(limits, asText);
      const failing = gatedOpening('never');
      const reads = [values.read('set-p1', alice, v1, 0, failing.open), values.read('set-p1', alice, v1, 0, failing.open)];
      failing.fail(new Error('KMS refused'));
      const outcomes = await Promise.allSettled(reads);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      const next = gatedOpening('value-one');
      const read = values.read('set-p1', alice, v1, 1, next.open);
      next.finish();
      expect([await read, failing.started, next.started, values.openings]).toEqual(['value-one', 1, 1, 0]);
    });

    it('cleared while an opening is under way: its value answers the reads but is zeroed, not kept', async () => {
      const values = new OpenedValues(limits, asText);
      const gate = gatedOpening('value-one');
      const read = values.read('set-p1', alice, v1, 0, gate.open);
      values.clear();
      gate.finish();
      expect([await read, zeroed(gate.opened[0] as Buffer), values.size, values.openings]).toEqual(['value-one', true, 0, 0]);
    });
  });
});
