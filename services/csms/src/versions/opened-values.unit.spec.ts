import { OpenedValues, type ValueReader } from './opened-values.js';

const alice: ValueReader = { projectId: 'p1', domainId: 'd1', userId: 'alice' };
const bob: ValueReader = { projectId: 'p1', domainId: 'd1', userId: 'bob' };
const v1 = { secretId: 's1', versionId: 'v1', sealed: 'sealed-1' };
const v2 = { secretId: 's1', versionId: 'v2', sealed: 'sealed-2' };
const plain = (text: string) => Buffer.from(text, 'utf8');
const zeroed = (b: Buffer) => b.every((byte) => byte === 0);
const limits = { maxEntries: 4, maxBytes: 1024, lifetimeMs: 1000 };

describe('OpenedValues', () => {
  it('a value opened for a reader: answered until its lifetime (from the opening) ends, then dropped and zeroed', () => {
    const values = new OpenedValues(limits);
    const kept = values.put('set-p1', alice, v1, plain('value-one'), 0);
    expect(values.get(alice, v1, 999)?.toString()).toBe('value-one');
    expect(values.get(alice, v1, 1000)).toBeUndefined();
    expect([zeroed(kept), values.size, values.bytes]).toEqual([true, 0, 0]);
  });

  it('another reader of the same version, or another version: a miss (each reader is opened for by KMS)', () => {
    const values = new OpenedValues(limits);
    values.put('set-p1', alice, v1, plain('value-one'), 0);
    expect([values.get(bob, v1, 1), values.get(alice, v2, 1), values.get({ ...alice, projectId: 'p2' }, v1, 1)]).toEqual([undefined, undefined, undefined]);
    expect(values.get(alice, v1, 1)?.toString()).toBe('value-one');
  });

  it('another sealed form of the version (a restored secret): a miss, and the old value is zeroed', () => {
    const values = new OpenedValues(limits);
    const kept = values.put('set-p1', alice, v1, plain('value-one'), 0);
    expect(values.get(alice, { ...v1, sealed: 'sealed-again' }, 1)).toBeUndefined();
    expect([zeroed(kept), values.size]).toEqual([true, 0]);
  });

  it('an event of the secret set: its values dropped and zeroed, other sets kept', () => {
    const values = new OpenedValues(limits);
    const a = values.put('set-p1', alice, v1, plain('value-a'), 0);
    const b = values.put('set-p1', bob, v1, plain('value-b'), 0);
    values.put('set-p2', { ...alice, projectId: 'p2' }, v1, plain('value-c'), 0);
    values.forgetSet('set-p1');
    expect([zeroed(a), zeroed(b), values.get(alice, v1, 1), values.get({ ...alice, projectId: 'p2' }, v1, 1)?.toString()]).toEqual([true, true, undefined, 'value-c']);
  });

  it('opened again for the same reader: the earlier copy is zeroed and only the new one counted', () => {
    const values = new OpenedValues(limits);
    const first = values.put('set-p1', alice, v1, plain('value-one'), 0);
    values.put('set-p1', alice, v1, plain('value-one'), 10);
    expect([zeroed(first), values.size, values.bytes, values.get(alice, v1, 1005)?.toString()]).toEqual([true, 1, 9, 'value-one']);
  });

  it('full in entries: the oldest value makes room and is zeroed', () => {
    const values = new OpenedValues({ ...limits, maxEntries: 2 });
    const oldest = values.put('set-p1', alice, v1, plain('one'), 0);
    values.put('set-p1', alice, v2, plain('two'), 1);
    values.put('set-p1', bob, v1, plain('three'), 2);
    expect([values.size, zeroed(oldest), values.get(alice, v1, 3), values.get(bob, v1, 3)?.toString()]).toEqual([2, true, undefined, 'three']);
  });

  it('full in bytes: the oldest values make room until the new one fits', () => {
    const values = new OpenedValues({ ...limits, maxBytes: 10 });
    const four = values.put('set-p1', alice, v1, plain('1234'), 0);
    const five = values.put('set-p1', alice, v2, plain('12345'), 1);
    values.put('set-p1', bob, v1, plain('12'), 2);
    expect([zeroed(four), zeroed(five), values.size, values.bytes, values.get(alice, v2, 3)?.toString()]).toEqual([true, false, 2, 7, '12345']);
  });

  it('cleared (CSMS stopping): every value zeroed', () => {
    const values = new OpenedValues(limits);
    const one = values.put('set-p1', alice, v1, plain('value-one'), 0);
    values.clear();
    expect([values.size, values.bytes, zeroed(one)]).toEqual([0, 0, true]);
  });
});
