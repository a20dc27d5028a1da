import { arrayBody, objectBody } from './body-shape.js';

describe('objectBody', () => {
  it('passes a JSON object through and refuses an array, a string, null', () => {
    expect(objectBody({ a: 1 })).toEqual({ a: 1 });
    expect(objectBody([{ a: 1 }])).toBe('request body must be a JSON object');
    expect(objectBody('x')).toBe('request body must be a JSON object');
    expect(objectBody(null)).toBe('request body must be a JSON object');
  });
});

describe('arrayBody', () => {
  it('forwards an array of objects as items', () => {
    expect(arrayBody([{ keypair: { name: 'a' } }, { keypair: { name: 'b' } }], 100)).toEqual({ items: [{ keypair: { name: 'a' } }, { keypair: { name: 'b' } }] });
  });

  it('refuses an object, an empty array, too many items and a non-object item, naming the limit or the index', () => {
    expect(arrayBody({ keypair: {} }, 100)).toBe('request body must be a JSON array of objects');
    expect(arrayBody([], 100)).toBe('request body must hold 1 to 100 items, got 0');
    expect(arrayBody(Array.from({ length: 101 }, () => ({})), 100)).toBe('request body must hold 1 to 100 items, got 101');
    expect(arrayBody([{}, 'x'], 100)).toBe('request body item 1 must be a JSON object');
  });
});
