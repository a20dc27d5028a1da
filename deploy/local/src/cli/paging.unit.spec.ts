import { joinPages, nextPageFields } from './paging.js';

describe('nextPageFields (--all)', () => {
  it('marker paging follows next_marker, page_info.next_marker or meta_data.marker, and stops on truncated=false or no marker', () => {
    expect(nextPageFields('marker', { limit: '1' }, { keys: ['a'], next_marker: '1', truncated: 'true' })).toEqual({ limit: '1', marker: '1' });
    expect(nextPageFields('marker', {}, { secrets: [], page_info: { next_marker: 'm2' } })).toEqual({ marker: 'm2' });
    expect(nextPageFields('marker', {}, { traces: [], meta_data: { marker: 't9' } })).toEqual({ marker: 't9' });
    expect(nextPageFields('marker', {}, { keys: ['a'], next_marker: '1', truncated: 'false' })).toBeUndefined();
    expect(nextPageFields('marker', {}, { secrets: [], page_info: { next_marker: null } })).toBeUndefined();
  });
  it('offset paging moves past the items received, stopping at total_count or a short page', () => {
    expect(nextPageFields('offset', { limit: '2' }, { aliases: [1, 2], total_count: 5 })).toEqual({ limit: '2', offset: '2' });
    expect(nextPageFields('offset', { limit: '2', offset: '4' }, { aliases: [1], total_count: 5 })).toBeUndefined();
    expect(nextPageFields('offset', { limit: '3' }, { servers: [1, 2] })).toBeUndefined();
    expect(nextPageFields('none', {}, { keys: [1] })).toBeUndefined();
  });
});

describe('joinPages', () => {
  it('the first page\'s shape with every page\'s items in each list, paging fields of the last', () => {
    expect(joinPages([{ keys: ['a'], next_marker: '1' }, { keys: ['b'], next_marker: '' }])).toEqual({ keys: ['a', 'b'], next_marker: '' });
    expect(joinPages([[1], [2]])).toEqual([1, 2]);
  });
});
