import { pick, render, renderTable } from './output.js';

describe('pick (--query)', () => {
  const reply = { key_info: { key_id: 'k1' }, keys: [{ id: 'a' }, { id: 'b' }] };
  it('follows dotted fields and list indexes; "*" maps over a list; a missing field is undefined', () => {
    expect(pick(reply, 'key_info.key_id')).toBe('k1');
    expect(pick(reply, 'keys.1.id')).toBe('b');
    expect(pick(reply, 'keys.*.id')).toEqual(['a', 'b']);
    expect(pick(reply, 'key_info.nothing')).toBeUndefined();
  });
  it('"*" on something other than a list is a usage error', () => {
    expect(() => pick(reply, 'key_info.*')).toThrow('"*" applies to a list');
  });
});

describe('renderTable (--output table)', () => {
  it('the reply\'s list as aligned columns, one per field seen, nested values as JSON', () => {
    expect(renderTable({ total: 2, users: [{ name: 'ann', id: '1' }, { name: 'bo', tags: { a: 1 } }] })).toBe(
      ['name  id  tags', '----  --  -------', 'ann   1', 'bo        {"a":1}'].join('\n'),
    );
  });
  it('a reply without a list as field/value lines', () => {
    expect(renderTable({ key_id: 'k', state: '2' })).toBe(['field   value', '------  -----', 'key_id  k', 'state   2'].join('\n'));
  });
});

describe('render', () => {
  it('text is printed bare, anything else as indented JSON', () => {
    expect(render('plain', 'json')).toBe('plain');
    expect(render({ a: 1 }, 'json')).toBe('{\n  "a": 1\n}');
  });
});

describe('renderTable of wrapped items', () => {
  it('items wrapped in a one-field object (KPS) show the inner fields; a list of objects is preferred over a list of ids', () => {
    expect(renderTable({ keypairs: [{ keypair: { name: 'a', type: 'ssh' } }] })).toBe(['name  type', '----  ----', 'a     ssh'].join('\n'));
    expect(renderTable({ keys: ['k1'], key_details: [{ key_id: 'k1' }] })).toBe(['key_id', '------', 'k1'].join('\n'));
  });
});
