import { conformanceProblems } from './model-walk.js';
import { conformanceErrors } from './walk.js';

describe('conformance walk', () => {
  const model = { key_info: { type: 'object', fields: { key_id: { type: 'string' }, tags: { type: 'array', items: 'string' } } }, total: { type: 'integer' } } as const;

  it('a body with every declared field of the right type: no problem', () => {
    expect(conformanceErrors({ key_info: { key_id: 'k', tags: ['a'] }, total: 1 }, model)).toEqual([]);
  });

  it('a missing field, a wrong type, a null and a wrong array item are each named by path', () => {
    expect(conformanceErrors({ key_info: { tags: [1] }, total: null }, model)).toEqual([
      '$.key_info.key_id: missing',
      '$.key_info.tags[0]: integer, expected string',
      '$.total: null, expected integer',
    ]);
  });

  it('compact tables: an omission by path (array items as a[].b) allows absence and null there only', () => {
    const fields = { grants: { type: 'array', items: { type: 'object', fields: { name: 'string', retiring_principal: 'string' } } } } as const;
    const omitted = { 'grants[].retiring_principal': 'empty when none is named' };
    expect(conformanceProblems({ grants: [{ name: 'g', retiring_principal: null }, { name: 'h' }] }, fields, omitted)).toEqual([]);
    expect(conformanceProblems({ grants: [{ retiring_principal: 'x' }] }, fields, omitted)).toEqual(['$.grants[0].name: missing']);
  });
});
